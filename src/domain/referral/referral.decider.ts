import { localDateOf, yearOf } from '../calendar/local-date.js';
import { registerNumberRequest, type CasePolicy, type RegisterNumberRequest } from '../shared/case-support.js';
import type { PipelineDecider } from '../shared/pipeline-decider.js';
import type { ReferralCommand } from './referral.commands.js';
import { decideReferral, referralStreamId } from './referral.decide.js';
import type { ReferralEvent } from './referral.events.js';
import { evolveReferral, initialReferralState, type ReferralState } from './referral.state.js';

export const referralDecider: PipelineDecider<ReferralCommand, ReferralEvent, ReferralState, CasePolicy> = {
  initialState: initialReferralState,
  evolve: evolveReferral,
  decide: decideReferral,
};

export { referralStreamId };
export const REFERRAL_STREAM_TYPE = 'referral';

/** The register number the application reserves: the next in the recording unit's referral register for the current year. */
export function referralRegisterNumbers(command: ReferralCommand, state: ReferralState, now: Date): readonly RegisterNumberRequest[] {
  if (command.type !== 'RecordReferral' || state.status !== 'none') return [];
  return [registerNumberRequest('referral_register', command.data.recordingUnit.id, yearOf(localDateOf(now)))];
}
