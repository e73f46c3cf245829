import type { OfferDeadlineRestartedData } from '../../domain/contract/offer/offer.events.js';
import type { DutyEvent } from '../../domain/duty/duty.events.js';
import type { ConsequenceEvent } from '../../domain/scheduling/consequence.events.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const DEADLINE_REGISTER = 'deadline_register';

export interface DeadlineDuty {
  readonly dutyId: string;
  readonly kind: string;
  readonly owner: string;
  readonly dueDate: string;
  readonly rule: string;
  readonly description: string;
  /** R-DL-03: every move of the due date, with why. */
  readonly history: readonly DeadlineMove[];
}

/** R-DL-03: a due date that moved, or a deadline that started afresh (R-CON-05), with why. */
export interface DeadlineMove {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly rule: string;
  readonly at: string;
}

/** A consequence that follows from the calendar alone (an offer lapsing, R-CON-08), until it is executed or cancelled. */
export interface PendingConsequenceView {
  readonly consequenceId: string;
  readonly kind: string;
  readonly dueDate: string;
  readonly rule: string;
  readonly description: string;
}

/**
 * The open duties of one case (R-DL-02): which unit and clerk owe them and by when. A case is
 * in the register while `nextDueDate` is set, that is while the provider owes something.
 */
export interface DeadlineRegisterCase {
  readonly caseId: string;
  readonly caseType: string;
  readonly registerEntry: string | null;
  readonly unitId: string | null;
  readonly clerkId: string | null;
  /** The earliest due date of the provider's open duties; null when the provider owes nothing. */
  readonly nextDueDate: string | null;
  readonly duties: readonly DeadlineDuty[];
  /** Scheduled consequences still pending on the case. */
  readonly consequences: readonly PendingConsequenceView[];
  /** R-CON-08: the day an open offer lapses unless the case moves on first; null when no offer is open. */
  readonly offerLapsesOn: string | null;
  /** R-DL-03: every restart of a deadline on the case, carried into the history of the duty it opens. */
  readonly deadlineRestarts: readonly (DeadlineMove & { readonly dutyId: string })[];
}

/** How each case type's events name its unit, register entry and clerk; each case type adds its own. */
const entryOf = (value: unknown) => (value as { entry: string }).entry;
const CASE_FACTS: Readonly<Record<string, (data: Record<string, unknown>) => Partial<DeadlineRegisterCase>>> = {
  ComplaintRegistered: (d) => ({ caseType: 'complaint', unitId: String(d.responsibleUnit), registerEntry: entryOf(d.registerEntry) }),
  ClerkDesignated: (d) => ({ clerkId: String(d.clerkId) }),
  ClerkReassigned: (d) => ({ clerkId: String(d.clerkId) }),
  // R-DSP-03: the dispatcher who took the report owes its worksheet duties.
  FaultReportRegistered: (d) => ({ caseType: 'fault_report', unitId: String(d.dispatcherUnit), registerEntry: entryOf(d.logEntry), clerkId: String(d.takenBy) }),
  EscalationRegistered: (d) => ({ caseType: 'escalation', unitId: (d.targetUnit as { id: string }).id, registerEntry: entryOf(d.registerEntry) }),
  EscalationClerkDesignated: (d) => ({ clerkId: String(d.clerkId) }),
  EscalationClerkReassigned: (d) => ({ clerkId: String(d.clerkId) }),
  ReferralRecorded: (d) => ({ caseType: 'referral', unitId: String(d.recordingUnit), registerEntry: entryOf(d.registerEntry), clerkId: String(d.recordedBy) }),
  ConnectionApplicationSubmitted: (d) => ({ caseType: 'connection_application', unitId: String(d.unitId) }),
  ContractRequestBooked: (d) => ({ caseType: 'contract_offer', unitId: String(d.unitId) }),
  ContractRequested: (d) => ({ caseType: 'contract_offer', unitId: String(d.unitId) }),
  CounterOfferRegistered: (d) => ({ caseType: 'counter_offer', unitId: String(d.unitId) }),
  ContractEstablished: (d) => ({ caseType: 'contract', unitId: String(d.unitId), registerEntry: entryOf(d.registerEntry) }),
};

const DUTY_TYPES = ['DutyOpened', 'DutyRescheduled', 'DutyDischarged', 'DutyCancelled'];
const CONSEQUENCE_TYPES = ['ConsequenceScheduled', 'ConsequenceCancelled', 'ConsequenceExecuted'];

function withConsequences(doc: DeadlineRegisterCase, consequences: readonly PendingConsequenceView[]): DeadlineRegisterCase {
  const lapses = consequences.filter((c) => c.kind === 'offer_lapse').map((c) => c.dueDate).sort();
  return { ...doc, consequences, offerLapsesOn: lapses[0] ?? null };
}

function withDuties(doc: DeadlineRegisterCase, duties: readonly DeadlineDuty[]): DeadlineRegisterCase {
  const due = duties.filter((d) => d.owner === 'provider').map((d) => d.dueDate).sort();
  return { ...doc, duties, nextDueDate: due[0] ?? null };
}

function evolve(doc: DeadlineRegisterCase | undefined, raw: ProjectionEvent): DeadlineRegisterCase {
  const current: DeadlineRegisterCase = doc ?? { caseId: raw.streamId, caseType: 'case', registerEntry: null, unitId: null, clerkId: null, nextDueDate: null, duties: [], consequences: [], offerLapsesOn: null, deadlineRestarts: [] };
  const facts = CASE_FACTS[raw.type];
  if (facts) return { ...current, ...facts(raw.data) };
  const event = { type: raw.type, data: raw.data } as unknown as DutyEvent | ConsequenceEvent | { readonly type: 'OfferDeadlineRestarted'; readonly data: OfferDeadlineRestartedData };
  switch (event.type) {
    case 'OfferDeadlineRestarted': {
      const d = event.data;
      return { ...current, deadlineRestarts: [...current.deadlineRestarts, { dutyId: d.dutyId, from: d.previousDue, to: d.newDue, reason: d.reason, rule: d.rule, at: raw.recordedAt }] };
    }
    case 'ConsequenceScheduled': {
      const { consequenceId, kind, dueDate, rule, description } = event.data;
      return withConsequences(current, [...current.consequences, { consequenceId, kind, dueDate, rule, description }]);
    }
    case 'ConsequenceCancelled':
    case 'ConsequenceExecuted':
      return withConsequences(current, current.consequences.filter((c) => c.consequenceId !== event.data.consequenceId));
    case 'DutyOpened': {
      // A deadline that restarted opens a new duty: it carries the restarts so far, the original due date first (R-DL-03).
      const upTo = current.deadlineRestarts.findIndex((r) => r.dutyId === event.data.dutyId);
      const history = upTo < 0 ? [] : current.deadlineRestarts.slice(0, upTo + 1).map(({ dutyId: _dutyId, ...move }) => move);
      return withDuties(current, [...current.duties, { ...event.data, history }]);
    }
    case 'DutyRescheduled':
      return withDuties(
        current,
        current.duties.map((d) =>
          d.dutyId === event.data.dutyId
            ? { ...d, dueDate: event.data.dueDate, history: [...d.history, { from: event.data.previousDueDate, to: event.data.dueDate, reason: event.data.reason, rule: event.data.rule, at: raw.recordedAt }] }
            : d,
        ),
      );
    case 'DutyDischarged':
    case 'DutyCancelled':
      return withDuties(current, current.duties.filter((d) => d.dutyId !== event.data.dutyId));
  }
}

export const deadlineRegisterProjection: DocumentProjection<DeadlineRegisterCase> = {
  kind: 'documents',
  name: DEADLINE_REGISTER,
  version: 3,
  handles: [...Object.keys(CASE_FACTS), ...DUTY_TYPES, ...CONSEQUENCE_TYPES, 'OfferDeadlineRestarted'],
  documentIds: (event) => [event.streamId],
  evolve,
  indexes: [
    { name: 'unit', path: 'unitId' },
    { name: 'clerk', path: 'clerkId' },
    { name: 'next_due', path: 'nextDueDate' },
    { name: 'offer_lapses', path: 'offerLapsesOn' },
  ],
};
