import { calendarEventSchemas } from '../domain/calendar/calendar.decider.js';
import { complaintEventSchemas } from '../domain/complaint/complaint.events.js';
import { consentEventSchemas } from '../domain/consent/consent.events.js';
import { allContractEventSchemas } from '../domain/contract/contract.event-schemas.js';
import { faultReportEventSchemas } from '../domain/dispatch/fault-report.events.js';
import { dutyEventSchemas } from '../domain/duty/duty.events.js';
import { escalationEventSchemas } from '../domain/escalation/escalation.events.js';
import { extractEventSchemas } from '../domain/extract/extract.events.js';
import { referralEventSchemas } from '../domain/referral/referral.events.js';
import { retentionEventSchemas } from '../domain/retention/retention.events.js';
import { accessLogEventSchemas } from '../domain/shared/access-log.events.js';
import type { EventSchema } from '../domain/shared/event-schema.js';

/** Every stored event type the product knows, with personal fields and upcasters. */
export const allEventSchemas: readonly EventSchema[] = [
  ...calendarEventSchemas,
  ...complaintEventSchemas,
  ...faultReportEventSchemas,
  ...escalationEventSchemas,
  ...referralEventSchemas,
  ...consentEventSchemas,
  ...allContractEventSchemas,
  ...extractEventSchemas,
  ...dutyEventSchemas,
  ...accessLogEventSchemas,
  ...retentionEventSchemas,
  { type: 'RegisterNumberAllocated', schemaVersion: 1 },
];
