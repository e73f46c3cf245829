import { InvalidInputError, NotFoundError } from '../shared/domain-error.js';
import type { EventSchema } from '../shared/event-schema.js';
import type { PipelineCommand } from '../shared/pipeline-decider.js';
import type { EscalationRegisteredData } from './escalation.events.js';
import type { EscalationLevel } from './escalation.types.js';

/**
 * The other half of the two-way link of R-ESC-01: appended to the ESCALATED case's stream
 * (a complaint, a fault report, or a regional escalation taken to the central secretariat)
 * after the escalation is registered in its own stream.
 */
export interface CaseEscalatedData {
  readonly escalationId: string;
  readonly escalationStreamId: string;
  readonly level: EscalationLevel;
  readonly targetUnit: string;
  /** The escalation's entry in the target's incoming register, e.g. `RIK/2026/5`. */
  readonly registerEntry: string;
  readonly receivedOn: string;
}

export type CaseEscalated = { readonly type: 'CaseEscalated'; readonly data: CaseEscalatedData };

/** The command that appends {@link CaseEscalated} to the escalated case. */
export type RecordCaseEscalated = PipelineCommand<'RecordCaseEscalated', CaseEscalatedData>;

/** Registered once for every stream type that carries it. */
export const caseEscalatedEventSchemas: readonly EventSchema[] = [{ type: 'CaseEscalated', schemaVersion: 1 }];

export const escalationStreamId = (escalationId: string) => `escalation-${escalationId}`;

/** The notice to append to the escalated case, built from the escalation's registration (R-ESC-01). */
export function escalationNoticeFor(registered: EscalationRegisteredData): CaseEscalatedData {
  return {
    escalationId: registered.escalationId,
    escalationStreamId: escalationStreamId(registered.escalationId),
    level: registered.level,
    targetUnit: registered.targetUnit.id,
    registerEntry: registered.registerEntry.entry,
    receivedOn: registered.receivedOn,
  };
}

/**
 * Decides `RecordCaseEscalated` for any case type: `knownEscalations` are the escalation ids
 * the case already names, or null when the case does not exist. Idempotent: a notice already
 * recorded adds nothing. A closed case can be escalated too (R-ESC-01 is about its handling).
 */
export function noteEscalation(knownEscalations: readonly string[] | null, notice: CaseEscalatedData): CaseEscalated[] {
  if (knownEscalations === null) throw new NotFoundError('ESCALATION.CASE_NOT_FOUND', 'The escalated case does not exist', { escalationId: notice.escalationId });
  if (!notice.escalationId || notice.escalationStreamId !== escalationStreamId(notice.escalationId)) {
    throw new InvalidInputError('ESCALATION.INVALID_NOTICE', 'The notice does not name its escalation stream', { field: 'escalationStreamId', rule: 'R-ESC-01' });
  }
  if (knownEscalations.includes(notice.escalationId)) return [];
  return [{ type: 'CaseEscalated', data: notice }];
}
