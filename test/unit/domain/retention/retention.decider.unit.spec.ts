import { years } from '../../../../src/domain/calendar/duration.js';
import { parseLocalDate } from '../../../../src/domain/calendar/local-date.js';
import { defaultPolicyCatalog } from '../../../../src/domain/policy/policy-catalog.js';
import { evolveLegalHolds, isLegalHoldEvent, type LegalHold } from '../../../../src/domain/referral/legal-hold.events.js';
import { erasePersonalFields } from '../../../../src/domain/retention/case-personal-data.js';
import { evolveRetentionCase, type PolicyLookup, type RetentionCase } from '../../../../src/domain/retention/retention-case.js';
import { planRetention, retentionDecider, retentionVerdict, type ExpireRetention, type TrackedCase } from '../../../../src/domain/retention/retention.decide.js';
import type { CaseContext } from '../../../../src/domain/shared/pipeline-decider.js';
import { ComplaintScenario, redress } from '../../../support/complaint-scenario.js';
import { referral, referralScenario } from '../../../support/referral-scenario.js';

const policies: PolicyLookup = (id) => defaultPolicyCatalog.all().find((v) => v.id === id);
const day = (date: string) => parseLocalDate(date);

type Event = { readonly type: string; readonly data: unknown };

/** The retention fold of a case stream, exactly as the index and the run's decision read it. */
function retentionOf(streamId: string, events: readonly Event[]): RetentionCase {
  const folded = events.reduce<RetentionCase | null>((state, e) => evolveRetentionCase(state, { streamId, type: e.type, data: e.data as Record<string, unknown> }, policies), null);
  if (!folded) throw new Error(`${streamId} is not a tracked case`);
  return folded;
}

/** Registered, investigated, rejected with reasons and the bodies, and closed, all on 2026-03-02. */
function closedComplaint(policyId = 'hu-2026'): ComplaintScenario {
  const s = ComplaintScenario.at('2026-03-02T09:00:00.000Z', policyId).registeredAndTakenOver().investigated();
  s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'the bill matches the readings' } });
  s.run({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your complaint was examined.', reasons: 'The bill matches the meter readings.', redress, recordCopyEnclosed: false } });
  s.run({ type: 'CloseComplaint', data: {} });
  return s;
}

/** Runs the retention decider over a stream's history the way the command pipeline does. */
function expire(streamId: string, history: readonly Event[], holds: readonly LegalHold[], asOf: string) {
  const decider = retentionDecider(streamId, policies);
  const state = history.reduce((s, e) => decider.evolve(s, e), decider.initialState);
  const command: ExpireRetention = { type: 'ExpireRetention', data: { runId: 'run-1', asOf: day(asOf), holds } };
  const context = { now: new Date(`${asOf}T02:00:00.000Z`), newId: () => 'id', policy: undefined, actor: { userId: 'admin-1', role: 'admin', unit: null }, sequences: new Map() } as CaseContext<unknown>;
  return () => decider.decide(command, state, context);
}

const holdsOf = (events: readonly Event[]): LegalHold[] => {
  let holds: Readonly<Record<string, LegalHold>> = {};
  for (const event of events) if (isLegalHoldEvent(event)) holds = evolveLegalHolds(holds, event);
  return Object.values(holds);
};

describe('retention (R-RET-01..03)', () => {
  it('R-RET-01: expiry runs from the close date by each record type’s period under the case’s policy; nothing expires the day before', () => {
    const complaint = retentionOf('complaint-c-1', closedComplaint().events);
    expect(complaint).toMatchObject({ caseType: 'complaint', status: 'closed', closedOn: '2026-03-02', policyVersion: 'hu-2026', retainUntil: '2029-03-02' });
    expect(complaint.retainUntilByType).toEqual({ complaint_record: '2029-03-02', complaint_reply: '2029-03-02', case_document: '2029-03-02' });
    expect(retentionVerdict(complaint, [], day('2029-03-01'))).toEqual({ due: false, reason: 'retained', retainUntil: '2029-03-02' });
    expect(retentionVerdict(complaint, [], day('2029-03-02'))).toEqual({
      due: true,
      retainUntil: '2029-03-02',
      stage: { recordTypes: ['case_document', 'complaint_record', 'complaint_reply'], subjectIds: ['subject-1'], remaining: {}, callRecordings: [] },
    });

    // The seed's policy keeps complaint records 5 years.
    expect(retentionOf('complaint-c-1', closedComplaint('alfa-nova-2013').events).retainUntil).toBe('2031-03-02');

    // An open case never expires, however old.
    const open = retentionOf('complaint-c-1', ComplaintScenario.at('2026-03-02T09:00:00.000Z').registeredAndTakenOver().events);
    expect(retentionVerdict(open, [], day('2040-01-01'))).toEqual({ due: false, reason: 'open' });
    expect(expire('complaint-c-1', ComplaintScenario.at('2026-03-02T09:00:00.000Z').registeredAndTakenOver().events, [], '2040-01-01')).toThrow(expect.objectContaining({ code: 'RETENTION.CASE_OPEN', rule: 'R-RET-01' }));
    expect(expire('complaint-c-1', closedComplaint().events, [], '2029-03-01')).toThrow(expect.objectContaining({ code: 'RETENTION.NOT_YET_DUE', rule: 'R-RET-01' }));
  });

  it('R-LAW-09: a fault report whose accounting papers have no key of their own keeps the reporter’s key until their 8 years end; the shorter record types expire on their own dates', () => {
    const fault = retentionOf('fault-f-1', [
      { type: 'FaultReportRegistered', data: { faultReportId: 'f-1', policyVersion: 'hu-2026', reporter: { subjectId: 'f-1/reporter', name: 'Kiss Péter' } } },
      { type: 'FaultReportClosed', data: { outcome: 'repaired', closedOn: '2026-03-10', reason: null, retainUntil: { complaint_record: '2029-03-10', case_document: '2029-03-10', accounting_document: '2034-03-10' } } },
    ]);
    expect(fault).toMatchObject({ retainUntil: '2034-03-10', nextDue: '2029-03-10', subjectIds: ['f-1/reporter'] });
    expect(retentionVerdict(fault, [], day('2029-03-09')).due).toBe(false);
    // The record and the papers expire in 2029, but the only key also protects the accounting papers: it stays.
    expect(retentionVerdict(fault, [], day('2033-12-31'))).toMatchObject({ due: true, stage: { recordTypes: ['case_document', 'complaint_record'], subjectIds: [], remaining: { accounting_document: '2034-03-10' } } });
    expect(retentionVerdict(fault, [], day('2034-03-10'))).toMatchObject({ due: true, stage: { recordTypes: ['accounting_document', 'case_document', 'complaint_record'], subjectIds: ['f-1/reporter'], remaining: {} } });
  });

  /** A justified bill objection by phone: its call recorded, the invoice corrected, the refund credited, answered and closed on 2026-03-02. */
  function justifiedBillObjection(policyId = 'hu-2026'): ComplaintScenario {
    const s = ComplaintScenario.at('2026-03-02T09:00:00.000Z', policyId);
    s.registeredAndTakenOver({ channel: 'phone', recordPlace: 'call centre', callRecordingId: 'TEL-1001', receivedAt: '2026-03-02T08:30:00.000Z' }).investigated();
    s.run({ type: 'RecordFinding', data: { finding: 'justified', reasoning: 'the January reading was entered twice' } });
    s.run({ type: 'RecordCorrection', data: { area: 'invoice', description: 'January invoice corrected', amount: -12000 } });
    s.run({ type: 'ScheduleRefund', data: { amount: 12000 } });
    s.run({ type: 'RecordRefundCredited', data: { billingPeriod: '2026-03', invoiceNumber: 'SZ-2026-0311' } });
    s.run({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Justified.', reasons: 'Corrected and credited.', redress: null, recordCopyEnclosed: true } });
    s.run({ type: 'CloseComplaint', data: {} });
    return s;
  }

  it('R-LAW-09: a justified bill objection keeps its credit note and corrected invoice 8 years, its call recording 5, the complaint and the reply 3: each expires on its own date', () => {
    const s = justifiedBillObjection();
    const complaint = retentionOf('complaint-c-1', s.events);
    expect(complaint.retainUntilByType).toEqual({ complaint_record: '2029-03-02', complaint_reply: '2029-03-02', case_document: '2029-03-02', accounting_document: '2034-03-02', call_recording: '2031-03-02' });
    expect(complaint).toMatchObject({ subjectIds: ['subject-1', 'subject-1#call_recording', 'subject-1#accounting_document'], keyRecordTypes: { 'subject-1#call_recording': 'call_recording', 'subject-1#accounting_document': 'accounting_document' }, callRecordings: ['TEL-1001'], nextDue: '2029-03-02' });

    // 2029: the complaint, the reply and its papers; the complainant's key goes, the accounting key stays.
    const first = expire('complaint-c-1', s.events, [], '2029-03-02')();
    expect(first).toEqual([expect.objectContaining({ type: 'RetentionExpired', data: expect.objectContaining({ recordTypes: ['case_document', 'complaint_record', 'complaint_reply'], subjectIds: ['subject-1'], remaining: { accounting_document: '2034-03-02', call_recording: '2031-03-02' }, callRecordings: [] }) })]);
    const afterFirst = [...s.events, ...first];
    expect(retentionOf('complaint-c-1', afterFirst)).toMatchObject({ status: 'closed', nextDue: '2031-03-02', expiredRecordTypes: ['case_document', 'complaint_record', 'complaint_reply'], destroyedSubjects: ['subject-1'] });
    expect(expire('complaint-c-1', afterFirst, [], '2031-03-01')).toThrow(expect.objectContaining({ code: 'RETENTION.NOT_YET_DUE', details: { retainUntil: '2031-03-02' } }));

    // 2031: the recording, deleted in the telephony system, and the caller's data kept for it.
    const second = expire('complaint-c-1', afterFirst, [], '2031-03-02')();
    expect(second[0]!.data).toMatchObject({ recordTypes: ['call_recording'], subjectIds: ['subject-1#call_recording'], remaining: { accounting_document: '2034-03-02' }, callRecordings: ['TEL-1001'] });

    // 2034: the accounting documents and their key; the case has expired whole.
    const afterSecond = [...afterFirst, ...second];
    const third = expire('complaint-c-1', afterSecond, [], '2034-03-02')();
    expect(third[0]!.data).toMatchObject({ recordTypes: ['accounting_document'], subjectIds: ['subject-1#accounting_document'], remaining: {} });
    expect(retentionVerdict(retentionOf('complaint-c-1', [...afterSecond, ...third]), [], day('2040-01-01'))).toEqual({ due: false, reason: 'expired', expiredAsOf: '2034-03-02' });
  });

  it('R-LAW-09: under the 2013 regulation the complaint and the recording go after 5 years together, the accounting documents after 8', () => {
    const s = justifiedBillObjection('alfa-nova-2013');
    const complaint = retentionOf('complaint-c-1', s.events);
    expect(complaint.retainUntilByType).toMatchObject({ complaint_record: '2031-03-02', call_recording: '2031-03-02', accounting_document: '2034-03-02' });
    expect(retentionVerdict(complaint, [], day('2031-03-02'))).toMatchObject({ due: true, stage: { recordTypes: ['call_recording', 'case_document', 'complaint_record', 'complaint_reply'], subjectIds: ['subject-1', 'subject-1#call_recording'], callRecordings: ['TEL-1001'] } });
  });

  it('R-RET-01: a refund credited after the close keeps the accounting documents 8 years from the credit', () => {
    const s = ComplaintScenario.at('2026-03-02T09:00:00.000Z').registeredAndTakenOver().investigated();
    s.run({ type: 'RecordFinding', data: { finding: 'justified', reasoning: 'double reading' } });
    s.run({ type: 'RecordCorrection', data: { area: 'master_data', description: 'reading fixed', amount: null } });
    s.run({ type: 'ScheduleRefund', data: { amount: 5000 } });
    s.run({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Justified.', reasons: 'Credited next month.', redress: null, recordCopyEnclosed: false } });
    s.run({ type: 'CloseComplaint', data: {} });
    expect(retentionOf('complaint-c-1', s.events).retainUntilByType).toMatchObject({ accounting_document: '2034-03-02' });
    s.advanceDays(40).run({ type: 'RecordRefundCredited', data: { billingPeriod: '2026-04', invoiceNumber: 'SZ-2026-0412' } });
    expect(retentionOf('complaint-c-1', s.events).retainUntilByType).toMatchObject({ complaint_record: '2029-03-02', accounting_document: '2034-04-11' });
  });

  it('R-RET-01: a contract case closes without a stated date; its papers are kept the default 5 years after it closes', () => {
    const refused = retentionOf('offer-o-1', [
      { type: 'ContractRequested', data: { offerId: 'o-1', policyVersion: 'hu-2026', requester: { subjectId: 'o-1/requester', name: 'Nagy Anna' } } },
      { type: 'ContractRefused', data: { unmetConditions: ['no capacity'], explanation: 'x', sentAt: '2026-04-10T08:00:00.000Z', sentOn: '2026-04-10', channel: 'letter', rule: 'R-CON-09' } },
    ]);
    expect(refused).toMatchObject({ caseType: 'contract_offer', status: 'closed', closedOn: '2026-04-10', retainUntilByType: { contract_document: '2031-04-10' }, retainUntil: '2031-04-10' });
    expect(retentionVerdict(refused, [], day('2031-04-09')).due).toBe(false);
    expect(retentionVerdict(refused, [], day('2031-04-10')).due).toBe(true);
    // R-CON-06: a lapse set aside reopens the offer, and with it the retention.
    const lapsed = [
      { type: 'ContractRequested', data: { offerId: 'o-2', policyVersion: 'hu-2026', requester: { subjectId: 'o-2/requester' } } },
      { type: 'OfferLapsed', data: { consequenceId: 'c', lapsedOn: '2026-05-01', signedReturnDue: '2026-04-30', rule: 'R-CON-08' } },
    ];
    expect(retentionOf('offer-o-2', lapsed).retainUntil).toBe('2031-05-01');
    expect(retentionOf('offer-o-2', [...lapsed, { type: 'OfferLapseSetAside', data: { consequenceId: 'c', receivedAt: '2026-05-02T08:00:00.000Z', reason: 'posted in time', rule: 'R-CON-06' } }])).toMatchObject({ status: 'open', retainUntil: null });
  });

  it('R-RET-01: the contract papers are kept for the period that the case’s policy version names', () => {
    const tenYears: PolicyLookup = (id) => {
      const version = policies(id);
      return version && { ...version, retention: { ...version.retention, contract_document: years(10) } };
    };
    const events = [
      { type: 'ContractRequested', data: { offerId: 'o-3', policyVersion: 'hu-2026', requester: { subjectId: 'o-3/requester' } } },
      { type: 'ContractRefused', data: { unmetConditions: ['no capacity'], explanation: 'x', sentAt: '2026-04-10T08:00:00.000Z', sentOn: '2026-04-10', channel: 'letter', rule: 'R-CON-09' } },
    ];
    const folded = events.reduce<RetentionCase | null>((state, e) => evolveRetentionCase(state, { streamId: 'offer-o-3', ...e }, tenYears), null)!;
    expect(folded).toMatchObject({ retainUntilByType: { contract_document: '2036-04-10' }, retainUntil: '2036-04-10' });
    expect(retentionVerdict(folded, [], day('2031-04-10')).due).toBe(false);
  });

  it('R-RET-02: an open legal hold suspends the expiry; once it is lifted the next run expires the case', () => {
    const complaint = closedComplaint();
    const r = referralScenario('2026-03-02T10:00:00.000Z');
    r.run(referral());
    const holds = holdsOf(r.events);
    expect(holds).toEqual([expect.objectContaining({ holdId: 'hold-referral-r-1', caseStreamId: 'complaint-c-1' })]);
    const indexed = retentionOf('complaint-c-1', complaint.events);
    expect(retentionVerdict(indexed, holds, day('2029-03-03'))).toEqual({ due: false, reason: 'legal_hold', retainUntil: '2029-03-02', holds });
    expect(expire('complaint-c-1', complaint.events, holds, '2029-03-03')).toThrow(expect.objectContaining({ code: 'RETENTION.LEGAL_HOLD', rule: 'R-RET-02' }));
    expect(planRetention([{ case: indexed, holds }], [], day('2029-03-03'))).toEqual({ due: [], skipped: [{ streamId: 'complaint-c-1', caseType: 'complaint', retainUntil: '2029-03-02', reason: 'legal_hold', rule: 'R-RET-02', holds }] });

    r.advanceDays(20).run({ type: 'RecordBodyOutcome', data: { decidedOn: '2026-03-20', outcome: 'rejected', decisionReference: null, summary: 'lawful', appealPending: false } });
    expect(holdsOf(r.events)).toEqual([]);
    expect(expire('complaint-c-1', complaint.events, holdsOf(r.events), '2029-03-03')().map((e) => e.type)).toEqual(['RetentionExpired']);
  });

  it('R-RET-03: a due case gets RetentionExpired naming every subject key to destroy, the record types and the policy; then it is never due again', () => {
    const complaint = closedComplaint();
    const decided = expire('complaint-c-1', complaint.events, [], '2029-03-03')();
    expect(decided).toEqual([
      {
        type: 'RetentionExpired',
        data: {
          runId: 'run-1',
          asOf: '2029-03-03',
          caseType: 'complaint',
          closedOn: '2026-03-02',
          retainUntil: { complaint_record: '2029-03-02', complaint_reply: '2029-03-02', case_document: '2029-03-02' },
          recordTypes: ['case_document', 'complaint_record', 'complaint_reply'],
          subjectIds: ['subject-1'],
          remaining: {},
          callRecordings: [],
          policyVersion: 'hu-2026',
          rule: 'R-RET-03',
        },
      },
    ]);
    const after = [...complaint.events, ...decided];
    expect(retentionVerdict(retentionOf('complaint-c-1', after), [], day('2029-03-03'))).toEqual({ due: false, reason: 'expired', expiredAsOf: '2029-03-03' });
    expect(expire('complaint-c-1', after, [], '2029-03-04')).toThrow(expect.objectContaining({ code: 'RETENTION.ALREADY_EXPIRED' }));
    // The complaint's own fold takes the event and keeps the facts the rules read.
    expect(() => complaint.events.push(decided[0] as never)).not.toThrow();
    expect(complaint.state()).toMatchObject({ status: 'closed', kind: 'bill_objection', closed: { outcome: 'unjustified' } });
  });

  it('R-RET-03: once erased, the personal fields read null and are listed, the non-personal facts stay', () => {
    const registered = closedComplaint().of('ComplaintRegistered')[0]!.data;
    const { data, erased } = erasePersonalFields('ComplaintRegistered', registered as unknown as Record<string, unknown>);
    expect(erased).toEqual(expect.arrayContaining(['complainant.name', 'complainant.address', 'complainant.email', 'complainant.customerNumber', 'placeOfUseId', 'description', 'remedySought', 'documents']));
    expect(erased).not.toContain('complainant.phone'); // it was empty: nothing was encrypted, nothing is erased
    expect(data).toMatchObject({ complainant: { subjectId: 'subject-1', name: null, address: null, email: null }, description: null, kind: 'bill_objection', channel: 'letter', registerEntry: registered.registerEntry });
    expect(registered.complainant.name).toBe('Kovács Éva');
  });

  it('R-RET-03: a key another case still needs is not destroyed: the case waits until every case holding the key is due', () => {
    const complaint: TrackedCase = { case: retentionOf('complaint-c-1', closedComplaint().events), holds: [] };
    // The referral carries the complainant's data under the same key and closed later.
    const r = referralScenario('2026-03-02T10:00:00.000Z');
    r.run(referral());
    r.advanceDays(60).run({ type: 'RecordBodyOutcome', data: { decidedOn: '2026-04-20', outcome: 'rejected', decisionReference: null, summary: 'lawful', appealPending: false } });
    const referralCase: TrackedCase = { case: retentionOf('referral-r-1', r.events), holds: [] };
    expect(referralCase.case).toMatchObject({ status: 'closed', retainUntil: '2029-05-01', subjectIds: ['subject-1'] });

    expect(planRetention([complaint], [complaint, referralCase], day('2029-03-03'))).toEqual({
      due: [],
      skipped: [{ streamId: 'complaint-c-1', caseType: 'complaint', retainUntil: '2029-03-02', reason: 'subject_retained', rule: 'R-RET-01', retainedBy: [{ streamId: 'referral-r-1', status: 'closed', retainUntil: '2029-05-01' }] }],
    });
    const both = planRetention([complaint, referralCase], [complaint, referralCase], day('2029-05-01'));
    expect(both.due.map((c) => c.streamId)).toEqual(['complaint-c-1', 'referral-r-1']);
    expect(both.skipped).toEqual([]);
  });
});
