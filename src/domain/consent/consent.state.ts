import { assertNever } from '../shared/decider.js';
import type { ConsentEvent } from './consent.events.js';
import type { CaseFilePart } from './consent.types.js';

export interface RecordedConsent {
  readonly consentId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly scope: readonly CaseFilePart[];
  readonly givenOn: string;
  readonly validUntil: string | null;
  readonly withdrawnOn: string | null;
}

/** The consents given for one case file, and how often a representative saw it. */
export type ConsentState =
  | { readonly status: 'none' }
  | {
      readonly status: 'recorded';
      readonly caseStreamId: string;
      readonly customerSubjectId: string;
      readonly consents: Readonly<Record<string, RecordedConsent>>;
      readonly accesses: number;
    };

export const initialConsentState: ConsentState = { status: 'none' };

export function evolveConsent(state: ConsentState, event: ConsentEvent): ConsentState {
  switch (event.type) {
    case 'RepresentativeConsentRecorded': {
      const d = event.data;
      const consent: RecordedConsent = { consentId: d.consentId, organisationId: d.organisation.id, organisationName: d.organisation.name, scope: d.scope, givenOn: d.givenOn, validUntil: d.validUntil, withdrawnOn: null };
      const consents = state.status === 'recorded' ? state.consents : {};
      const accesses = state.status === 'recorded' ? state.accesses : 0;
      return { status: 'recorded', caseStreamId: d.caseStreamId, customerSubjectId: d.customer.subjectId, consents: { ...consents, [d.consentId]: consent }, accesses };
    }
    case 'RepresentativeConsentWithdrawn': {
      if (state.status !== 'recorded') return state;
      const consent = state.consents[event.data.consentId];
      return consent ? { ...state, consents: { ...state.consents, [consent.consentId]: { ...consent, withdrawnOn: event.data.withdrawnOn } } } : state;
    }
    case 'RepresentativeAccessRecorded':
      return state.status === 'recorded' ? { ...state, accesses: state.accesses + 1 } : state;
    default:
      return assertNever(event, 'consent event');
  }
}
