import { localDateOf } from '../../domain/calendar/local-date.js';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import type { ConsentCommand } from '../../domain/consent/consent.commands.js';
import { CONSENT_STREAM_TYPE, consentDecider, consentStreamId } from '../../domain/consent/consent.decider.js';
import type { ConsentEvent } from '../../domain/consent/consent.events.js';
import type { ConsentState } from '../../domain/consent/consent.state.js';
import type { CasePolicy } from '../../domain/shared/case-support.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';
import { casePolicy } from '../cases/case-policy.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';

/** How the pipeline runs a consent command on a case file's consent stream (R-ESC-03): judged by the policy in force today. */
export function consentCommandSpec(caseStreamId: string, catalog: PolicyCatalog, calendar: WorkingDayCalendar): CommandSpec<ConsentCommand, ConsentEvent, ConsentState, CasePolicy> {
  return {
    decider: consentDecider,
    streamId: consentStreamId(caseStreamId),
    streamType: CONSENT_STREAM_TYPE,
    policy: (_state, now) => casePolicy(catalog, calendar, null, localDateOf(now)),
    result: (_state, events) => {
      const event = events[0];
      switch (event?.type) {
        case 'RepresentativeConsentRecorded':
          return { consentId: event.data.consentId, caseStreamId: event.data.caseStreamId, scope: event.data.scope, validUntil: event.data.validUntil };
        case 'RepresentativeConsentWithdrawn':
          return { consentId: event.data.consentId, caseStreamId: event.data.caseStreamId, withdrawnOn: event.data.withdrawnOn };
        case 'RepresentativeAccessRecorded':
          return { accessId: event.data.accessId, consentId: event.data.consentId, caseStreamId: event.data.caseStreamId, parts: event.data.parts, accessedAt: event.data.accessedAt };
        default:
          return {};
      }
    },
  };
}
