import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/shared/actor.js';
import { accessLogStreamId, type PersonalDataAccessedData } from '../../domain/shared/access-log.events.js';
import { CLOCK, type Clock } from '../ports/clock.port.js';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port.js';
import { ID_GENERATOR, type IdGenerator } from '../ports/id-generator.port.js';

/**
 * Records reads of personal data (R-RET-04) on the case's access stream, before the data is
 * handed out: a read that cannot be recorded is not served.
 */
@Injectable()
export class AccessLogService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async record(actor: Actor, access: PersonalDataAccessedData, correlationId: string): Promise<void> {
    await this.recordAll(actor, [access], correlationId);
  }

  /** Records reads of several cases at once (a register page), in one atomic append. */
  async recordAll(actor: Actor, accesses: readonly PersonalDataAccessedData[], correlationId: string): Promise<void> {
    if (accesses.length === 0) return;
    const now = this.clock.now().toISOString();
    const metadata = { correlationId, causationId: correlationId, actor, channel: 'internal_api', policyVersion: 'none', businessTime: now };
    const byStream = new Map<string, PersonalDataAccessedData[]>();
    for (const access of accesses) byStream.set(access.caseStreamId, [...(byStream.get(access.caseStreamId) ?? []), access]);
    await this.store.append({
      streams: [...byStream].map(([caseStreamId, reads]) => ({
        streamId: accessLogStreamId(caseStreamId),
        streamType: 'access_log',
        expectedVersion: 'any' as const,
        events: reads.map((read) => ({ eventId: this.ids.newId(), type: 'PersonalDataAccessed', data: { ...read }, metadata })),
      })),
    });
  }
}
