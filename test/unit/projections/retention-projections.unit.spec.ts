import type { Actor } from '../../../src/domain/shared/actor.js';
import { erasePersonalFields } from '../../../src/domain/retention/case-personal-data.js';
import type { RetentionExpiredData } from '../../../src/domain/retention/retention.events.js';
import { auditTrailProjection } from '../../../src/projections/audit-trail/audit-trail.projection.js';
import { complaintDetailsProjection } from '../../../src/projections/complaint-details/complaint-details.projection.js';
import { contractCasesProjection } from '../../../src/projections/contract-cases/contract-cases.projection.js';
import { dispatcherLogProjection } from '../../../src/projections/dispatcher-log/dispatcher-log.projection.js';
import { escalationDetailsProjection } from '../../../src/projections/escalation-details/escalation-details.projection.js';
import { faultReportDetailsProjection } from '../../../src/projections/fault-report-details/fault-report-details.projection.js';
import { filingRegisterProjection } from '../../../src/projections/filing-register/filing-register.projection.js';
import type { DocumentProjection } from '../../../src/projections/projection.js';
import { referralDetailsProjection } from '../../../src/projections/referral-details/referral-details.projection.js';
import { retentionCasesProjection, type RetentionSubjectDocument } from '../../../src/projections/retention-cases/retention-cases.projection.js';
import { ComplaintScenario, handler, redress } from '../../support/complaint-scenario.js';
import { clerk, contractRequest, offerScenario } from '../../support/contract-scenario.js';
import { faultReport, faultReportScenario } from '../../support/dispatch-scenario.js';
import { complaintFacts, dispatcher, escalation, escalationScenario, regionalDirector, rikClerk, rikReception } from '../../support/escalation-scenario.js';
import { ProjectedLog } from '../../support/projection-events.js';
import { referral, referralScenario } from '../../support/referral-scenario.js';

type Message = { readonly type: string; readonly data: unknown };
const admin: Actor = { userId: 'admin-1', role: 'admin', unit: null };

const expiry = (subjectIds: readonly string[]): Message => ({
  type: 'RetentionExpired',
  data: { runId: 'run-1', asOf: '2029-03-03', caseType: 'complaint', closedOn: '2026-03-02', retainUntil: {}, recordTypes: [], subjectIds, remaining: {}, callRecordings: [], policyVersion: 'hu-2026', rule: 'R-RET-03' } satisfies RetentionExpiredData,
});

/** One case stream written to two logs: as projected live, and as a rebuild reads it once the destroyed keys are gone. */
class TwoLogs {
  readonly live = new ProjectedLog();
  private readonly written: { readonly events: readonly Message[]; readonly actor: Actor }[] = [];
  private readonly destroyed: string[] = [];

  constructor(private readonly streamId: string) {}

  append(events: readonly Message[], actor: Actor): this {
    this.live.append(this.streamId, events, actor);
    this.written.push({ events, actor });
    return this;
  }

  expire(subjectIds: readonly string[]): this {
    this.destroyed.push(...subjectIds);
    return this.append([expiry(subjectIds)], admin);
  }

  /** The stream as the store reads it back now: the fields under every destroyed key null and listed. */
  shredded(): ProjectedLog {
    const log = new ProjectedLog();
    for (const { events, actor } of this.written) {
      for (const event of events) {
        const { data, erased } = erasePersonalFields(event.type, event.data as Record<string, unknown>, this.destroyed);
        log.append(this.streamId, [{ type: event.type, data }], actor, { erasedFields: erased });
      }
    }
    return log;
  }

  /** The live documents after RetentionExpired equal a rebuild's, and hold nothing of `personal`. */
  expectErasedAsRebuilt(projection: DocumentProjection<unknown>, personal: readonly string[]): unknown[] {
    const live = this.live.project(projection);
    expect(live.size).toBeGreaterThan(0);
    expect(live).toEqual(this.shredded().project(projection));
    for (const text of personal) expect(JSON.stringify([...live.values()])).not.toContain(text);
    return [...live.values()];
  }
}

describe('case views after retention (R-RET-03)', () => {
  it('R-RET-03: the complaint’s details and filing-register line read as a rebuild from the shredded store: personal fields null and listed, the facts kept', () => {
    const s = ComplaintScenario.at('2026-03-02T09:00:00.000Z').registeredAndTakenOver().investigated();
    s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'the bill matches the readings' } });
    s.run({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your complaint was examined.', reasons: 'The bill matches the meter readings.', redress, recordCopyEnclosed: false } });
    s.run({ type: 'CloseComplaint', data: {} });
    const logs = new TwoLogs('complaint-c-1').append(s.events, handler);
    expect(JSON.stringify([...logs.live.project(complaintDetailsProjection).values()])).toContain('Kovács Éva');
    logs.expire(['subject-1']);

    const [details] = logs.expectErasedAsRebuilt(complaintDetailsProjection, ['Kovács', 'Fő utca', 'eva@example.hu', 'U-1001', 'POU-77', 'twice the usual']) as any[];
    expect(details).toMatchObject({ status: 'closed', registration: { kind: 'bill_objection', channel: 'letter', registerEntry: { entry: 'BP/2026/7' }, complainant: { subjectId: 'subject-1', name: null } }, closed: { outcome: 'unjustified' } });
    expect(details.erasedFields).toEqual(expect.arrayContaining(['complainant.name', 'description']));
    const [line] = logs.expectErasedAsRebuilt(filingRegisterProjection, ['Kovács']) as any[];
    expect(line).toMatchObject({ complainantName: null, entry: 'BP/2026/7', outcome: 'unjustified' });
    const [trail] = logs.expectErasedAsRebuilt(auditTrailProjection, []) as any[];
    expect(trail.entries.at(-1)).toMatchObject({ type: 'RetentionExpired', actor: { userId: 'admin-1', role: 'admin' } });
  });

  it('R-LAW-09: when the complaint record expires before the accounting documents, the views erase the complainant’s data and keep the credit note’s billed customer', () => {
    const s = ComplaintScenario.at('2026-03-02T09:00:00.000Z').registeredAndTakenOver().investigated();
    s.run({ type: 'RecordFinding', data: { finding: 'justified', reasoning: 'the January reading was entered twice' } });
    s.run({ type: 'RecordCorrection', data: { area: 'invoice', description: 'January invoice corrected', amount: -12000 } });
    s.run({ type: 'ScheduleRefund', data: { amount: 12000 } });
    s.run({ type: 'RecordRefundCredited', data: { billingPeriod: '2026-03', invoiceNumber: 'SZ-2026-0311' } });
    const logs = new TwoLogs('complaint-c-1').append(s.events, handler);
    logs.expire(['subject-1']);
    const [details] = logs.expectErasedAsRebuilt(complaintDetailsProjection, ['twice the usual', 'eva@example.hu']) as any[];
    expect(details.registration.complainant).toMatchObject({ name: null, address: null, customerNumber: null });
    const credited = details.steps.find((step: any) => step.type === 'RefundCredited');
    expect(credited.data).toMatchObject({ invoiceNumber: 'SZ-2026-0311', creditedOn: '2026-03-02', billedCustomer: { subjectId: 'subject-1#accounting_document', name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', customerNumber: 'U-1001' } });
    const [line] = logs.expectErasedAsRebuilt(filingRegisterProjection, ['Kovács']) as any[];
    expect(line).toMatchObject({ complainantName: null });
    // Eight years on, the accounting key goes too.
    logs.expire(['subject-1#accounting_document']);
    logs.expectErasedAsRebuilt(complaintDetailsProjection, ['Kovács', 'Fő utca', 'U-1001']);
  });

  it('R-RET-03: a fault report’s log line and details lose the reporter’s data, the repair facts stay', () => {
    const s = faultReportScenario();
    const logs = new TwoLogs('fault-f-1').append(s.run(faultReport()), dispatcher);
    logs.append(s.run({ type: 'IssueWorksheet', data: { worksheetNumber: 'MLAP-1', crew: 'crew 3', scope: 'repair', paidOrderReference: null } }), dispatcher);
    logs.expire(['subject-7']);
    const [line] = logs.expectErasedAsRebuilt(dispatcherLogProjection, ['Nagy Péter', 'Villányi', '+36 30', 'staircase']) as any[];
    expect(line).toMatchObject({ entry: 'DSP/2026/1', kind: 'provider_system_failure', worksheetNumber: 'MLAP-1', reporterName: null, description: null });
    logs.expectErasedAsRebuilt(faultReportDetailsProjection, ['Nagy Péter', 'Villányi']);
  });

  it('R-RET-03: an escalation’s and a referral’s details lose the customer’s data, the register entries, body and outcome stay', () => {
    const e = escalationScenario();
    const escalated = new TwoLogs('escalation-e-1').append(e.run(escalation({ about: complaintFacts() }), rikReception), rikReception);
    escalated.append(e.run({ type: 'DesignateEscalationClerk', data: { clerkId: rikClerk.userId } }, regionalDirector), regionalDirector);
    escalated.expire(['subject-1']);
    const [details] = escalated.expectErasedAsRebuilt(escalationDetailsProjection, ['Kovács']) as any[];
    expect(details).toMatchObject({ designatedClerk: rikClerk.userId, registration: { complainant: { name: null } } });

    const r = referralScenario();
    const referred = new TwoLogs('referral-r-1').append(r.run(referral()), clerk);
    referred.append(r.run({ type: 'ReceiveBodyRequest', data: { receivedAt: '2026-03-02T08:00:00.000Z', bodyReference: 'BP/FVF/1234-3/2026', request: 'Send the file of Kovács Éva' } }), clerk);
    referred.expire(['subject-1']);
    const [referralDetails] = referred.expectErasedAsRebuilt(referralDetailsProjection, ['Kovács', 'rejected my bill objection']) as any[];
    expect(referralDetails).toMatchObject({ registration: { body: { id: 'bfkh-fogyasztovedelem' }, customer: { name: null }, subject: null }, requests: [{ bodyReference: 'BP/FVF/1234-3/2026', request: null }] });
  });

  it('R-RET-03: a contract request’s case loses the requester’s data, its dates and status stay', () => {
    const o = offerScenario();
    const requested = o.run(contractRequest());
    const offerId = (requested[0]!.data as { offerId: string }).offerId;
    const logs = new TwoLogs(`offer-${offerId}`).append(requested, clerk);
    logs.expire([`${offerId}/requester`]);
    const [view] = logs.expectErasedAsRebuilt(contractCasesProjection, []) as any[];
    expect(view).toMatchObject({ caseType: 'contract_offer', status: 'requested', customer: { name: null, address: null } });
    expect(view.erasedFields.length).toBeGreaterThan(0);
  });

  it('R-RET-02: the retention index folds the holds a referral places and lifts onto the case they name, and keys onto the cases they serve', () => {
    const complaint = ComplaintScenario.at('2026-03-02T09:00:00.000Z').registeredAndTakenOver();
    const r = referralScenario();
    const log = new ProjectedLog().append('complaint-c-1', complaint.events, handler).append('referral-r-1', r.run(referral()), clerk);
    const docs = log.project(retentionCasesProjection);
    expect(docs.get('complaint-c-1')).toMatchObject({ kind: 'case', caseType: 'complaint', status: 'open', subjectIds: ['subject-1'], holds: [expect.objectContaining({ holdId: 'hold-referral-r-1', caseStreamId: 'complaint-c-1' })] });
    expect(docs.get('referral-r-1')).toMatchObject({ kind: 'case', caseType: 'referral', holds: [], subjectIds: ['subject-1'] });
    expect(docs.get('subject:subject-1')).toEqual({ kind: 'subject', subjectId: 'subject-1', caseStreamIds: ['complaint-c-1', 'referral-r-1'] } satisfies RetentionSubjectDocument);
    log.append('referral-r-1', r.advanceDays(1).run({ type: 'RecordBodyOutcome', data: { decidedOn: '2026-03-03', outcome: 'withdrawn', decisionReference: null, summary: 'withdrawn', appealPending: false } }), clerk);
    expect(log.project(retentionCasesProjection).get('complaint-c-1')).toMatchObject({ holds: [] });
    expect(log.project(retentionCasesProjection).get('referral-r-1')).toMatchObject({ status: 'closed', retainUntil: '2029-03-03' });
  });
});
