import { auditTrailProjection } from './audit-trail/audit-trail.projection.js';
import { complaintDetailsProjection } from './complaint-details/complaint-details.projection.js';
import { consequenceScheduleProjection } from './consequence-schedule/consequence-schedule.projection.js';
import { contractCasesProjection } from './contract-cases/contract-cases.projection.js';
import { deadlineRegisterProjection } from './deadline-register/deadline-register.projection.js';
import { dispatcherLogProjection } from './dispatcher-log/dispatcher-log.projection.js';
import { escalationDetailsProjection } from './escalation-details/escalation-details.projection.js';
import { faultReportDetailsProjection } from './fault-report-details/fault-report-details.projection.js';
import { filingRegisterProjection } from './filing-register/filing-register.projection.js';
import type { Projection } from './projection.js';
import { referralDetailsProjection } from './referral-details/referral-details.projection.js';
import { registerEntriesProjection } from './registers/register-entries.projection.js';
import { retentionCasesProjection } from './retention-cases/retention-cases.projection.js';

/** Every projection the service runs. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  complaintDetailsProjection,
  filingRegisterProjection,
  deadlineRegisterProjection,
  auditTrailProjection,
  dispatcherLogProjection,
  faultReportDetailsProjection,
  escalationDetailsProjection,
  referralDetailsProjection,
  registerEntriesProjection,
  contractCasesProjection,
  // R-RET-01..03: what may expire, under which holds and keys.
  retentionCasesProjection,
  // The durable scheduler's table: due consequences are claimed from it.
  consequenceScheduleProjection,
] as readonly Projection[];
