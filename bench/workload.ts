import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '../src/application/ports/event-store.port.js';
import { EventSchemaRegistry } from '../src/domain/shared/event-schema.js';

/** One event as every contender receives it; each maps it to its own append call. */
export interface BenchEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
}

export const PLAIN_TYPE = 'CaseNoteAdded';
export const PII_TYPE = 'CustomerContactRecorded';

/** What the app registers: the PII type has its personal fields marked, so they are encrypted per subject. */
export function benchSchemas(): EventSchemaRegistry {
  return new EventSchemaRegistry([
    { type: PLAIN_TYPE, schemaVersion: 1 },
    {
      type: PII_TYPE,
      schemaVersion: 1,
      personal: [{ subjectPath: 'customer.subjectId', fields: ['customer.name', 'customer.phone', 'customer.email'] }],
    },
  ]);
}

/** Metadata as a command handler writes it: correlation, causation, actor, channel, policy, business time. */
function metadata(commandId: string, correlationId: string): EventMetadata {
  return {
    correlationId,
    causationId: commandId,
    commandId,
    actor: { userId: 'clerk-0017', role: 'clerk', unit: 'cso-budapest' },
    channel: 'phone',
    policyVersion: 'hu-2026.1',
    businessTime: new Date().toISOString(),
  };
}

/** `count` events of one command for `streamId`, the first becoming version `version + 1`. */
export function makeEvents(streamId: string, version: number, count: number, pii: boolean): BenchEvent[] {
  const commandId = randomUUID();
  const correlationId = randomUUID();
  const meta = metadata(commandId, correlationId);
  const events: BenchEvent[] = [];
  for (let i = 0; i < count; i++) {
    const data: Record<string, unknown> = {
      caseId: streamId,
      category: 'billing',
      subcategory: 'meter-reading-dispute',
      priority: 2,
      meterId: 'HM-0042-1187',
      readingKwh: 1843.5,
      note: 'Customer disputes the estimated reading for February.',
      seq: version + i + 1,
    };
    if (pii) {
      data.customer = {
        subjectId: `cust-${streamId}`,
        name: 'Kovács Anna',
        phone: '+36 30 123 4567',
        email: 'anna.kovacs@example.hu',
      };
    }
    events.push({ eventId: randomUUID(), type: pii ? PII_TYPE : PLAIN_TYPE, data, metadata: meta });
  }
  return events;
}

/**
 * The streams one writer appends to: it appends to its current stream with the exact
 * expected version (as a command handler does after loading it) and moves to a fresh
 * stream once the current one holds `eventsPerStream` events.
 */
export class WriterStreams {
  private index = 0;
  private version = 0;

  constructor(
    private readonly prefix: string,
    private readonly eventsPerStream: number,
  ) {}

  /** The stream and expected version for an append of `count` events. */
  next(count: number): { streamId: string; expected: number } {
    if (this.version > 0 && this.version + count > this.eventsPerStream) {
      this.index++;
      this.version = 0;
    }
    return { streamId: `${this.prefix}-${this.index}`, expected: this.version };
  }

  /** Records a successful append of `count` events. */
  appended(count: number): void {
    this.version += count;
  }
}
