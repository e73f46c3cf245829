import type { ConsequenceEvent, ConsequenceCommand } from '../../domain/scheduling/consequence.events.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const CONSEQUENCE_SCHEDULE = 'consequence_schedule';

/** One consequence that needs no one to act: when it falls due, and the command that records it. */
export interface ScheduledConsequence {
  readonly consequenceId: string;
  readonly streamId: string;
  readonly streamType: string;
  readonly kind: string;
  readonly dueDate: string;
  /** ISO 8601 instant; the scheduler fires at or after it. */
  readonly dueAt: string;
  readonly command: ConsequenceCommand;
  readonly rule: string;
  readonly description: string;
  readonly status: 'pending' | 'executed' | 'cancelled';
  readonly settledAt: string | null;
}

function evolve(doc: ScheduledConsequence | undefined, raw: ProjectionEvent): ScheduledConsequence | undefined {
  const event = { type: raw.type, data: raw.data } as unknown as ConsequenceEvent;
  switch (event.type) {
    case 'ConsequenceScheduled': {
      const d = event.data;
      return { consequenceId: d.consequenceId, streamId: d.streamId, streamType: d.streamType, kind: d.kind, dueDate: d.dueDate, dueAt: d.dueAt, command: d.command, rule: d.rule, description: d.description, status: 'pending', settledAt: null };
    }
    case 'ConsequenceCancelled':
      return doc ? { ...doc, status: 'cancelled', settledAt: raw.recordedAt } : doc;
    case 'ConsequenceExecuted':
      return doc ? { ...doc, status: 'executed', settledAt: raw.recordedAt } : doc;
  }
}

/** The scheduler's table: pending consequences by due time, kept from the events. */
export const consequenceScheduleProjection: DocumentProjection<ScheduledConsequence> = {
  kind: 'documents',
  name: CONSEQUENCE_SCHEDULE,
  version: 1,
  handles: ['ConsequenceScheduled', 'ConsequenceCancelled', 'ConsequenceExecuted'],
  documentIds: (event) => [String(event.data.consequenceId)],
  evolve,
  indexes: [
    { name: 'status', path: 'status' },
    { name: 'due_at', path: 'dueAt' },
  ],
};
