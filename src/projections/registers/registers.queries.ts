import type { DocumentPage, DocumentReadStore } from '../../application/ports/read-model.port.js';
import { ESCALATION_DETAILS, type EscalationDetails } from '../escalation-details/escalation-details.projection.js';
import { REFERRAL_DETAILS, type ReferralDetails } from '../referral-details/referral-details.projection.js';
import { REGISTER_ENTRIES, type RegisterEntryDoc } from './register-entries.projection.js';

/** The registers of the escalation ladder and the external referrals (RULES.md, Actors and units). */
export const CASE_REGISTERS = ['complaint_letters_register', 'serial_register', 'incoming_letters_register', 'clerks_workbook', 'referral_register'] as const;
export type CaseRegister = (typeof CASE_REGISTERS)[number];

/** An escalation as its secretariat's registers show it. */
export interface EscalationRegisterCase {
  readonly escalationId: string;
  readonly level: string;
  /** The escalation's entry in the incoming register (complaint letters / incoming letters). */
  readonly registerEntry: string;
  readonly receivedOn: string;
  readonly channel: string;
  /** Personal: null once erased (R-RET-03). */
  readonly complainantName: string | null;
  readonly about: { readonly caseType: string; readonly registerEntry: string; readonly unitId: string };
  readonly designatedClerk: string | null;
  readonly handlingClerk: string | null;
  /** For a takeover register's line: the clerk who took the escalation over under this number. */
  readonly takeover: { readonly clerkId: string; readonly takenOverOn: string; readonly entry: string } | null;
  readonly replyDue: string;
  readonly repliedOn: string | null;
  readonly outcome: string | null;
  readonly closedOn: string | null;
  readonly escalatedTo: readonly string[];
}

/** A referral as the referral register shows it. */
export interface ReferralRegisterCase {
  readonly referralId: string;
  readonly registerEntry: string;
  readonly referredOn: string;
  readonly body: { readonly id: string; readonly kind: string; readonly name: string };
  readonly initiatedBy: string;
  readonly bodyCaseReference: string | null;
  readonly customerName: string | null;
  readonly about: { readonly caseType: string; readonly registerEntry: string; readonly unitId: string };
  readonly expectedDecisionBy: string | null;
  readonly requests: number;
  readonly unansweredRequests: number;
  readonly outcome: string | null;
  readonly decidedOn: string | null;
  readonly legalHoldInForce: boolean;
  readonly closedOn: string | null;
}

/** One line of a register: its number, and the case it was given to as that case's read model shows it (null until projected). */
export interface RegisterLine {
  readonly register: string;
  readonly unitId: string;
  readonly year: number;
  readonly number: number;
  readonly entry: string | null;
  readonly caseType: string;
  readonly caseStreamId: string;
  readonly allocatedAt: string;
  readonly allocatedBy: string;
  readonly case: EscalationRegisterCase | ReferralRegisterCase | null;
}

function escalationLine(doc: EscalationDetails, entry: RegisterEntryDoc): { entry: string | null; case: EscalationRegisterCase } {
  const takeover = doc.takeovers.find((t) => t.takeoverEntry.register === entry.register && t.takeoverEntry.unitId === entry.unitId && t.takeoverEntry.year === entry.year && t.takeoverEntry.number === entry.number);
  const incoming = doc.registerEntry.register === entry.register && doc.registerEntry.number === entry.number && doc.registerEntry.year === entry.year;
  const r = doc.registration;
  return {
    entry: takeover ? takeover.takeoverEntry.entry : incoming ? doc.registerEntry.entry : null,
    case: {
      escalationId: doc.escalationId,
      level: doc.level,
      registerEntry: doc.registerEntry.entry,
      receivedOn: r.receivedOn,
      channel: r.channel,
      complainantName: r.complainant.name ?? null,
      about: { caseType: r.about.caseType, registerEntry: r.about.registerEntry, unitId: r.about.unitId },
      designatedClerk: doc.designatedClerk,
      handlingClerk: doc.handlingClerk,
      takeover: takeover ? { clerkId: takeover.clerkId, takenOverOn: takeover.takenOverOn, entry: takeover.takeoverEntry.entry } : null,
      replyDue: doc.replyDue,
      repliedOn: doc.reply ? doc.reply.sentAt.slice(0, 10) : null,
      outcome: doc.closed?.outcome ?? null,
      closedOn: doc.closed?.closedOn ?? null,
      escalatedTo: doc.escalatedTo.map((e) => e.registerEntry),
    },
  };
}

function referralLine(doc: ReferralDetails): { entry: string; case: ReferralRegisterCase } {
  const r = doc.registration;
  return {
    entry: r.registerEntry.entry,
    case: {
      referralId: doc.referralId,
      registerEntry: r.registerEntry.entry,
      referredOn: r.referredOn,
      body: { id: r.body.id, kind: r.body.kind, name: r.body.name },
      initiatedBy: r.initiatedBy,
      bodyCaseReference: r.bodyCaseReference,
      customerName: r.customer.name ?? null,
      about: { caseType: r.about.caseType, registerEntry: r.about.registerEntry, unitId: r.about.unitId },
      expectedDecisionBy: r.handling?.expectedDecisionBy ?? null,
      requests: doc.requests.length,
      unansweredRequests: doc.requests.filter((q) => !q.answer).length,
      outcome: doc.outcome?.outcome ?? null,
      decidedOn: doc.outcome?.decidedOn ?? null,
      legalHoldInForce: !!doc.legalHold && doc.legalHold.liftedOn === null,
      closedOn: doc.closed?.closedOn ?? null,
    },
  };
}

async function byStream<T extends { streamId: string }>(store: DocumentReadStore, projection: string, streamIds: readonly string[]): Promise<Map<string, T>> {
  if (streamIds.length === 0) return new Map();
  const { items } = await store.find<T>(projection, { where: { streamId: { in: [...new Set(streamIds)] } }, limit: 500 });
  return new Map(items.map((doc) => [doc.streamId, doc]));
}

/**
 * A unit's register for a year in number order (R-CPL-03, R-ESC-01, R-ESC-02): the complaint
 * letters and serial registers of a regional secretariat, the incoming letters register and the
 * clerk's workbook of the central secretariat, a unit's referral register.
 */
export async function listRegister(store: DocumentReadStore, query: { register: CaseRegister; unitId: string; year: number; cursor?: string | null; limit?: number }): Promise<DocumentPage<RegisterLine>> {
  const page = await store.find<RegisterEntryDoc>(REGISTER_ENTRIES, {
    where: { register: query.register, unitId: query.unitId, year: query.year },
    orderBy: [{ path: 'number', direction: 'asc' }],
    cursor: query.cursor ?? null,
    limit: query.limit ?? 50,
  });
  const ids = (type: string) => page.items.filter((e) => e.caseType === type).map((e) => e.caseStreamId);
  const [escalations, referrals] = await Promise.all([
    byStream<EscalationDetails>(store, ESCALATION_DETAILS, ids('escalation')),
    byStream<ReferralDetails>(store, REFERRAL_DETAILS, ids('referral')),
  ]);
  const items = page.items.map((e): RegisterLine => {
    const escalation = escalations.get(e.caseStreamId);
    const referral = referrals.get(e.caseStreamId);
    const line = escalation ? escalationLine(escalation, e) : referral ? referralLine(referral) : { entry: null, case: null };
    return { register: e.register, unitId: e.unitId, year: e.year, number: e.number, entry: line.entry, caseType: e.caseType, caseStreamId: e.caseStreamId, allocatedAt: e.allocatedAt, allocatedBy: e.allocatedBy, case: line.case };
  });
  return { items, nextCursor: page.nextCursor };
}
