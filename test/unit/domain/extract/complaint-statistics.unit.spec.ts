import type { LocalDate } from '../../../../src/domain/calendar/local-date.js';
import { complaintFigures, complaintReceivedOn, figureDifferences } from '../../../../src/domain/extract/complaint-statistics.js';
import { ComplaintScenario, redress, registration, supervisor } from '../../../support/complaint-scenario.js';

const asOf = (date: string) => date as LocalDate;

function answered(kind: 'justified' | 'unjustified', sentAt = '2026-03-02T08:59:00.000Z'): ComplaintScenario {
  const s = new ComplaintScenario().registeredAndTakenOver().investigated();
  s.run({ type: 'RecordFinding', data: { finding: kind, reasoning: 'as found' } });
  if (kind === 'justified') s.run({ type: 'RecordCorrection', data: { area: 'invoice', description: 'credit note', amount: -100 } });
  s.run({ type: 'SendReply', data: { channel: 'letter', sentAt, summary: 's', reasons: 'r', redress: kind === 'justified' ? null : redress, recordCopyEnclosed: false } });
  return s;
}

describe('complaint statistics of an extract', () => {
  it('counts by channel, kind, outcome and finding, and whether each reply kept its deadline (R-LAW-01 due dates)', () => {
    const closedJustified = answered('justified');
    closedJustified.run({ type: 'CloseComplaint', data: {} });
    const open = answered('unjustified');
    const pending = new ComplaintScenario().registeredAndTakenOver();
    const overdue = new ComplaintScenario();
    overdue.run(registration({ channel: 'email', kind: 'meter_dispute', receivedAt: '2026-02-02T08:00:00.000Z' }), { userId: 'clerk-reception', role: 'clerk', unit: 'cso-budapest' });
    const settled = new ComplaintScenario();
    settled.run(registration({ channel: 'in_person', settledOnTheSpot: { position: 'corrected at the desk' } }), supervisor);
    const figures = complaintFigures([closedJustified.events, open.events, pending.events, overdue.events, settled.events], asOf('2026-03-02'));
    expect(figures).toEqual({
      complaints: 5,
      byChannel: { in_person: 1, letter: 3, phone: 0, email: 1, fax: 0, web_form: 0 },
      byKind: { bill_objection: 4, meter_dispute: 1, quality_complaint: 0, contract_relationship: 0, arrears_handling: 0, handling_conduct: 0, other: 0 },
      byOutcome: { justified: 1, partly_justified: 0, unjustified: 0, withdrawn: 0, settled_on_the_spot: 0, not_investigated: 0, open: 4 },
      byFinding: { justified: 1, partly_justified: 0, unjustified: 1, none: 3 },
      byReplyTimeliness: { on_time: 2, late: 0, overdue_unanswered: 1, pending: 1, not_required: 1 },
    });
  });

  it('a reply sent after its due date counts as late; streams that are not complaints are not counted', () => {
    const late = answered('unjustified');
    const reply = late.events.find((e) => e.type === 'ReplySent')!;
    (reply.data as { late: boolean }).late = true;
    const figures = complaintFigures([late.events, [{ type: 'FaultReported', data: {} }]], asOf('2026-03-02'));
    expect(figures).toMatchObject({ complaints: 1, byReplyTimeliness: { late: 1, on_time: 0 } });
    expect(complaintReceivedOn(late.events)).toBe('2026-03-02');
    expect(complaintReceivedOn([{ type: 'FaultReported', data: {} }])).toBeNull();
  });

  it('names every figure that differs', () => {
    const figures = complaintFigures([answered('justified').events], asOf('2026-03-02'));
    expect(figureDifferences(figures, figures)).toEqual([]);
    expect(figureDifferences({ ...figures, complaints: 2, byKind: { ...figures.byKind, other: 1 } }, figures)).toEqual(['complaints: 2 stated, 1 recomputed', 'byKind.other: 1 stated, 0 recomputed']);
  });
});
