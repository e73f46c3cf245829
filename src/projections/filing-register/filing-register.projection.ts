import { isScopedSubjectId } from '../../domain/shared/event-schema.js';
import type { ComplaintEvent } from '../../domain/complaint/complaint.events.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const FILING_REGISTER = 'filing_register';

/**
 * One line of the customer service office's filing register (iktatókönyv): number, receipt,
 * channel, complainant, subject, clerk, reply and close (R-CPL-03).
 */
export interface FilingRegisterEntry {
  readonly complaintId: string;
  readonly unitId: string;
  readonly year: number;
  readonly number: number;
  readonly entry: string;
  readonly receivedOn: string;
  readonly channel: string;
  readonly kind: string;
  /** Personal: null once erased (R-RET-03). */
  readonly complainantName: string | null;
  readonly uniqueIdentifier: string | null;
  readonly designatedClerk: string | null;
  readonly takenOverOn: string | null;
  readonly replyDue: string | null;
  readonly repliedOn: string | null;
  readonly outcome: string | null;
  readonly closedOn: string | null;
  readonly linkedComplaintId: string | null;
}

function evolve(doc: FilingRegisterEntry | undefined, raw: ProjectionEvent): FilingRegisterEntry | undefined {
  const event = { type: raw.type, data: raw.data } as unknown as ComplaintEvent;
  if (event.type === 'ComplaintRegistered') {
    const d = event.data;
    return {
      complaintId: d.complaintId,
      unitId: d.registerEntry.unitId,
      year: d.registerEntry.year,
      number: d.registerEntry.number,
      entry: d.registerEntry.entry,
      receivedOn: d.receivedOn,
      channel: d.channel,
      kind: d.kind,
      complainantName: d.complainant.name,
      uniqueIdentifier: d.uniqueIdentifier,
      designatedClerk: null,
      takenOverOn: null,
      replyDue: d.deadlines.replyDue,
      repliedOn: null,
      outcome: null,
      closedOn: null,
      linkedComplaintId: null,
    };
  }
  if (!doc) return doc;
  switch (event.type) {
    case 'ClerkDesignated':
    case 'ClerkReassigned':
      return { ...doc, designatedClerk: event.data.clerkId, takenOverOn: event.type === 'ClerkReassigned' ? null : doc.takenOverOn };
    case 'ComplaintTakenOver':
      return { ...doc, takenOverOn: event.data.takenOverOn };
    case 'ReplyDeadlineExtended':
      return { ...doc, replyDue: event.data.newDue };
    case 'ReplySent':
      return { ...doc, repliedOn: event.data.sentAt.slice(0, 10) };
    case 'ComplaintClosed':
      return { ...doc, outcome: event.data.outcome, closedOn: event.data.closedOn, linkedComplaintId: event.data.linkedComplaintId };
    case 'RetentionExpired':
      // R-RET-03, R-LAW-09: the name goes with the complainant's own key, not with an accounting key's later stage.
      return event.data.subjectIds.some((s) => !isScopedSubjectId(s)) ? { ...doc, complainantName: null } : doc;
    default:
      return doc;
  }
}

export const filingRegisterProjection: DocumentProjection<FilingRegisterEntry> = {
  kind: 'documents',
  name: FILING_REGISTER,
  version: 1,
  handles: ['ComplaintRegistered', 'ClerkDesignated', 'ClerkReassigned', 'ComplaintTakenOver', 'ReplyDeadlineExtended', 'ReplySent', 'ComplaintClosed', 'RetentionExpired'],
  documentIds: (event) => (event.streamId.startsWith('complaint-') ? [event.streamId.slice('complaint-'.length)] : []),
  evolve,
  indexes: [
    { name: 'unit', path: 'unitId' },
    { name: 'year', path: 'year' },
    { name: 'number', path: 'number' },
  ],
};
