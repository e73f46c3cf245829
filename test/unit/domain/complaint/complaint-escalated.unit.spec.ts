import { complaintCaseFacts } from '../../../../src/domain/escalation/case-facts-readers.js';
import { escalationNoticeFor } from '../../../../src/domain/escalation/case-escalated.js';
import type { EscalationRegisteredData } from '../../../../src/domain/escalation/escalation.events.js';
import { DEFAULT_ORGANISATION_UNITS } from '../../../../src/domain/organisation/default-organisation.data.js';
import { Organisation } from '../../../../src/domain/organisation/organisation.js';
import { ComplaintScenario, redress } from '../../../support/complaint-scenario.js';
import { escalation, escalationScenario, rikReception } from '../../../support/escalation-scenario.js';

const organisation = new Organisation(DEFAULT_ORGANISATION_UNITS);

describe('a complaint names its escalations', () => {
  it('R-ESC-01: a complaint records the escalation registered about it, once, even after it closed', () => {
    const complaint = new ComplaintScenario().registeredAndTakenOver().investigated();
    complaint.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
    complaint.run({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 's', reasons: 'r', redress, recordCopyEnclosed: false } });
    complaint.run({ type: 'CloseComplaint', data: {} });

    const regional = escalationScenario();
    regional.run(escalation({ about: complaintCaseFacts('complaint-c-1', complaint.state(), organisation) }), rikReception);
    const notice = escalationNoticeFor(regional.of('EscalationRegistered')[0]!.data as EscalationRegisteredData);

    expect(complaint.run({ type: 'RecordCaseEscalated', data: notice }, rikReception)).toEqual([{ type: 'CaseEscalated', data: notice }]);
    expect(complaint.run({ type: 'RecordCaseEscalated', data: notice }, rikReception)).toEqual([]);
    expect(complaint.state()).toMatchObject({ status: 'closed', escalations: ['e-1'] });
  });

  it('R-ESC-01: a notice for a complaint that does not exist is refused', () => {
    const notice = { escalationId: 'e-7', escalationStreamId: 'escalation-e-7', level: 'regional_secretariat' as const, targetUnit: 'rd-central', registerEntry: 'RIK/2026/3', receivedOn: '2026-03-02' };
    expect(new ComplaintScenario().refuse({ type: 'RecordCaseEscalated', data: notice })).toMatchObject({ code: 'ESCALATION.CASE_NOT_FOUND' });
  });
});
