import type { CasePolicy } from '../shared/case-support.js';
import type { PipelineDecider } from '../shared/pipeline-decider.js';
import type { ConsentCommand } from './consent.commands.js';
import { decideConsent } from './consent.decide.js';
import type { ConsentEvent } from './consent.events.js';
import { evolveConsent, initialConsentState, type ConsentState } from './consent.state.js';

export const consentDecider: PipelineDecider<ConsentCommand, ConsentEvent, ConsentState, CasePolicy> = {
  initialState: initialConsentState,
  evolve: evolveConsent,
  decide: decideConsent,
};

/** One consent stream per case file (R-ESC-03): `consent-complaint-c-1`. */
export const consentStreamId = (caseStreamId: string) => `consent-${caseStreamId}`;
export const CONSENT_STREAM_TYPE = 'consent';
