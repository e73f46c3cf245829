import { localDateOf, parseLocalDate } from '../../domain/calendar/local-date.js';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import type { CasePolicy } from '../../domain/shared/case-support.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';
import type { ReferralCommand } from '../../domain/referral/referral.commands.js';
import { REFERRAL_STREAM_TYPE, referralDecider, referralRegisterNumbers, referralStreamId } from '../../domain/referral/referral.decider.js';
import type { ReferralEvent } from '../../domain/referral/referral.events.js';
import type { ReferralState } from '../../domain/referral/referral.state.js';
import { casePolicy, registerSequence } from '../cases/case-policy.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';

/**
 * How the pipeline runs a referral command: judged by the policy in force on the day the
 * customer turned to the body (R-ESC-02 handling times, R-CPL-06 reply to the body);
 * recording reserves the next number of the recording unit's referral register.
 */
export function referralCommandSpec(
  referralId: string,
  catalog: PolicyCatalog,
  calendar: WorkingDayCalendar,
): CommandSpec<ReferralCommand, ReferralEvent, ReferralState, CasePolicy> {
  return {
    decider: referralDecider,
    streamId: referralStreamId(referralId),
    streamType: REFERRAL_STREAM_TYPE,
    policy: (state, now, command) =>
      casePolicy(catalog, calendar, state.status === 'none' ? null : state.policyVersion, command?.type === 'RecordReferral' ? parseLocalDate(command.data.referredOn, 'referredOn') : localDateOf(now)),
    sequences: (command, state, now) => referralRegisterNumbers(command, state, now).map((r) => registerSequence(r, 'referral')),
    result: (state, events) => {
      if (state.status === 'none') return {};
      const request = events.find((e) => e.type === 'BodyRequestReceived');
      return {
        referralId: state.referralId,
        registerEntry: state.registerEntry.entry,
        status: state.status,
        expectedDecisionBy: state.expectedDecisionBy,
        legalHold: state.holdId,
        ...(request ? { requestId: request.data.requestId, replyDue: request.data.replyDue } : {}),
      };
    },
  };
}
