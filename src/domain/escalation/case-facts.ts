import type { OrganisationUnit } from '../organisation/organisation.js';

/** The case types a customer can escalate, refer to an external body, or open to a representative. */
export const CASE_TYPES = ['complaint', 'fault_report', 'escalation'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/**
 * What the application read from another case's stream and passes in the command, so that
 * `decide` stays pure and checks it: whether the case exists, its type, the unit that
 * handles it (from the organisation directory), its register entry and whether it is closed.
 */
export type CaseFacts =
  | { readonly exists: false; readonly streamId: string }
  | {
      readonly exists: true;
      readonly streamId: string;
      readonly caseType: CaseType;
      readonly caseId: string;
      /** The written register entry of the case, e.g. `BP/2026/7`. */
      readonly registerEntry: string;
      /** The unit responsible for the case: a customer service office, the dispatcher service, a secretariat. */
      readonly unit: OrganisationUnit;
      readonly status: 'open' | 'closed';
      /** When the case reached the provider: a fact about it (an escalation, a referral, a consent) is not dated before. */
      readonly receivedAt: string;
      /** The customer (data subject) the case is about; null where the case names none (anonymous). */
      readonly customerSubjectId: string | null;
    };

/** The part of {@link CaseFacts} an event keeps: the link to the other case, no directory data. */
export interface CaseLink {
  readonly streamId: string;
  readonly caseType: CaseType;
  readonly caseId: string;
  readonly registerEntry: string;
  readonly unitId: string;
  readonly statusAtLink: 'open' | 'closed';
}

export type ExistingCase = Extract<CaseFacts, { exists: true }>;

export function caseLinkOf(facts: ExistingCase): CaseLink {
  return { streamId: facts.streamId, caseType: facts.caseType, caseId: facts.caseId, registerEntry: facts.registerEntry, unitId: facts.unit.id, statusAtLink: facts.status };
}
