import { calendarEventSchemas } from '../domain/calendar/calendar.decider.js';
import { extractEventSchemas } from '../domain/extract/extract.events.js';
import { CASE_EVENT_SCHEMAS } from '../domain/retention/case-personal-data.js';
import { accessLogEventSchemas } from '../domain/shared/access-log.events.js';
import type { EventSchema } from '../domain/shared/event-schema.js';

/** Every stored event type the product knows, with personal fields and upcasters. */
export const allEventSchemas: readonly EventSchema[] = [
  ...calendarEventSchemas,
  // Complaints, fault reports, escalations, referrals, consents, contracts, duties, retention.
  ...CASE_EVENT_SCHEMAS,
  ...extractEventSchemas,
  ...accessLogEventSchemas,
  { type: 'RegisterNumberAllocated', schemaVersion: 1 },
];
