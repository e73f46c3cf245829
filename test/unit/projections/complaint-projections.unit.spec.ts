import type { ComplaintEvent } from '../../../src/domain/complaint/complaint.events.js';
import { AUDIT_TRAIL, auditTrailProjection, type AuditTrail } from '../../../src/projections/audit-trail/audit-trail.projection.js';
import { complaintDetailsProjection, type ComplaintDetails } from '../../../src/projections/complaint-details/complaint-details.projection.js';
import { deadlineRegisterProjection, type DeadlineRegisterCase } from '../../../src/projections/deadline-register/deadline-register.projection.js';
import { filingRegisterProjection, type FilingRegisterEntry } from '../../../src/projections/filing-register/filing-register.projection.js';
import type { DocumentProjection, ProjectionEvent } from '../../../src/projections/projection.js';
import { ComplaintScenario, handler, redress, supervisor } from '../../support/complaint-scenario.js';

/** The events as the runner would hand them over, with metadata. */
function asProjectionEvents(events: readonly ComplaintEvent[], streamId = 'complaint-c-1'): ProjectionEvent[] {
  return events.map((event, i) => ({
    streamId,
    streamVersion: i + 1,
    globalPosition: 100 + i,
    eventId: `e-${i + 1}`,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { correlationId: 'corr', causationId: 'cause', actor: { userId: 'clerk-kiss', role: 'clerk', unit: 'cso-budapest' }, channel: 'letter', policyVersion: 'hu-2026', businessTime: '2026-03-02T08:30:00.000Z' },
    recordedAt: `2026-03-02T09:00:${String(i).padStart(2, '0')}.000Z`,
    hash: `h${i + 1}`,
    erasedFields: [],
  }));
}

function project<T>(projection: DocumentProjection<T>, events: readonly ProjectionEvent[]): Map<string, T> {
  const docs = new Map<string, T>();
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    for (const id of projection.documentIds(event)) {
      const next = projection.evolve(docs.get(id), event, id);
      if (next === undefined) docs.delete(id);
      else docs.set(id, next);
    }
  }
  return docs;
}

function handledComplaint(): ComplaintScenario {
  const s = new ComplaintScenario().registeredAndTakenOver().investigated();
  s.run({ type: 'ExtendReplyDeadline', data: { reason: 'site_inspection', extendByDays: 10, customerNotifiedAt: '2026-03-02T08:50:00.000Z', noticeChannel: 'letter' } });
  s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
  return s;
}

describe('complaint projections', () => {
  it('R-CPL-03: the filing register lists the entry with number, receipt, channel, complainant, clerk, reply and close', () => {
    const s = handledComplaint();
    s.run({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 's', reasons: 'r', redress, recordCopyEnclosed: false } });
    s.run({ type: 'CloseComplaint', data: {} });
    const entry = project<FilingRegisterEntry>(filingRegisterProjection, asProjectionEvents(s.events)).get('c-1');
    expect(entry).toEqual({
      complaintId: 'c-1', unitId: 'cso-budapest', year: 2026, number: 7, entry: 'BP/2026/7', receivedOn: '2026-03-02', channel: 'letter', kind: 'bill_objection',
      complainantName: 'Kovács Éva', uniqueIdentifier: null, designatedClerk: 'clerk-kiss', takenOverOn: '2026-03-02', replyDue: '2026-03-27', repliedOn: '2026-03-02',
      outcome: 'unjustified', closedOn: '2026-03-02', linkedComplaintId: null,
    });
  });

  it('R-DL-02: the deadline register holds each open duty with its due date, unit and clerk, until it is fulfilled', () => {
    const s = handledComplaint();
    const open = project<DeadlineRegisterCase>(deadlineRegisterProjection, asProjectionEvents(s.events)).get('complaint-c-1')!;
    expect(open).toMatchObject({ caseType: 'complaint', registerEntry: 'BP/2026/7', unitId: 'cso-budapest', clerkId: 'clerk-kiss', nextDueDate: '2026-03-27' });
    expect(open.duties.map((d) => [d.kind, d.dueDate, d.rule])).toEqual([['written_reply', '2026-03-27', 'R-LAW-01']]);
    s.run({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 's', reasons: 'r', redress, recordCopyEnclosed: false } });
    const done = project<DeadlineRegisterCase>(deadlineRegisterProjection, asProjectionEvents(s.events)).get('complaint-c-1')!;
    expect(done).toMatchObject({ nextDueDate: null, duties: [] });
  });

  it('R-DL-03: a moved deadline keeps its history: the original date, the new one and why', () => {
    const s = handledComplaint();
    const duty = project<DeadlineRegisterCase>(deadlineRegisterProjection, asProjectionEvents(s.events)).get('complaint-c-1')!.duties[0]!;
    expect(duty.history).toEqual([{ from: '2026-03-17', to: '2026-03-27', reason: 'extended for site_inspection', rule: 'R-LAW-02', at: '2026-03-02T09:00:06.000Z' }]);
  });

  it('R-CPL-04: the case details keep every assignment, never overwritten', () => {
    const s = new ComplaintScenario().registeredAndTakenOver();
    s.run({ type: 'ReassignClerk', data: { clerkId: 'clerk-nagy', reason: 'leave' } }, supervisor);
    const details = project<ComplaintDetails>(complaintDetailsProjection, asProjectionEvents(s.events)).get('c-1')!;
    expect(details.assignments.map((a) => [a.clerkId, a.by, a.reason])).toEqual([['clerk-kiss', 'group-leader', null], ['clerk-nagy', 'group-leader', 'leave']]);
    expect(details).toMatchObject({ designatedClerk: 'clerk-nagy', handlingClerk: null, status: 'open', version: s.events.length });
  });

  it('the case details show steps, the extension, the finding and open duties', () => {
    const s = handledComplaint();
    const details = project<ComplaintDetails>(complaintDetailsProjection, asProjectionEvents(s.events)).get('c-1')!;
    expect(details.steps.map((step) => step.type)).toEqual(['ClerkDesignated', 'ComplaintTakenOver', 'RecordsChecked', 'ReplyDeadlineExtended', 'FindingRecorded']);
    expect(details.extension).toEqual({ reason: 'site_inspection', previousDue: '2026-03-17', newDue: '2026-03-27' });
    expect(details.replyDue).toBe('2026-03-27');
    expect(details.finding).toMatchObject({ finding: 'unjustified' });
    expect(details.openDuties).toEqual([{ dutyId: 'written-reply', kind: 'written_reply', dueDate: '2026-03-27', rule: 'R-LAW-01' }]);
    expect(details.registration.complainant.name).toBe('Kovács Éva');
  });

  it('the audit trail has every event of the case with actor, time, channel and hash', () => {
    const s = handledComplaint();
    const trail = project<AuditTrail>(auditTrailProjection, asProjectionEvents(s.events)).get('complaint-c-1')!;
    expect(AUDIT_TRAIL).toBe('audit_trail');
    expect(trail.entries).toHaveLength(s.events.length);
    expect(trail.entries[0]).toMatchObject({ version: 1, type: 'ComplaintRegistered', actor: { userId: 'clerk-kiss' }, channel: 'letter', hash: 'h1', policyVersion: 'hu-2026' });
    expect(trail.entries.map((e) => e.version)).toEqual(s.events.map((_, i) => i + 1));
    expect(handler.userId).toBe('clerk-kiss');
  });
});
