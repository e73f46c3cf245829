import { localDateOf } from '../../domain/calendar/local-date.js';
import type { ConnectionEvent } from '../../domain/contract/connection/connection.events.js';
import type { ContractEvent } from '../../domain/contract/contract-in-force/contract.events.js';
import { allContractEventSchemas } from '../../domain/contract/contract.event-schemas.js';
import type { ContractCaseLink, ContractParty, ContractTerms, PlaceOfUse } from '../../domain/contract/contract.types.js';
import type { CounterOfferEvent } from '../../domain/contract/counter-offer/counter-offer.events.js';
import type { DraftHandedOverData } from '../../domain/contract/contract-shared.events.js';
import type { OfferEvent } from '../../domain/contract/offer/offer.events.js';
import { advanceTrail, DUTY_EVENT_TYPES, openTrail, type CaseViewTrail } from '../case-views/case-view.js';
import { erasedTrail } from '../case-views/erase-case-view.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const CONTRACT_CASES = 'contract_cases';

/** The four kinds of contract case, each its own stream (seed 4.1, 4.2). */
export const CONTRACT_CASE_TYPES = ['connection_application', 'contract_offer', 'counter_offer', 'contract'] as const;
export type ContractCaseType = (typeof CONTRACT_CASE_TYPES)[number];

/** Stream id prefix of each contract case type. */
export const CONTRACT_CASE_PREFIX: Readonly<Record<ContractCaseType, string>> = {
  connection_application: 'connection-',
  contract_offer: 'offer-',
  counter_offer: 'counter-offer-',
  contract: 'contract-',
};

/** Every status a contract case can be in, across the four types. */
export const CONTRACT_CASE_STATUSES = [
  'submitted', 'informed', 'changes_requested', 'accepted', 'contract_sent', 'information_lapsed',
  'appointment_booked', 'requested', 'awaiting_items', 'offer_handed_over',
  'contract_formed', 'countered', 'offer_lapsed', 'refused', 'withdrawn',
  'awaiting_reconciliation', 'reconciling', 'failed',
  'in_force', 'terminating', 'awaiting_conditions', 'terminated',
] as const;
export type ContractCaseStatus = (typeof CONTRACT_CASE_STATUSES)[number];

/** The customer as the register shows them; personal fields read null once erased (R-RET-03). */
export interface ContractCaseParty {
  readonly subjectId: string;
  readonly category: string | null;
  readonly name: string | null;
  readonly address: string | null;
}

/** R-DL-03: one offer deadline, the original or a restart, with why it started. */
export interface OfferDeadlineView {
  readonly dutyId: string;
  readonly due: string;
  readonly from: string;
  readonly reason: string;
  readonly rule: string;
}

export interface DeficiencyNoticeView {
  readonly noticeNumber: number;
  readonly missing: readonly string[];
  readonly sentOn: string;
  readonly respondBy: string;
  readonly late: boolean;
  readonly received: readonly { readonly receivedOn: string; readonly items: readonly string[]; readonly complete: boolean }[];
}

export interface DraftView {
  readonly terms: ContractTerms;
  readonly handedOverOn: string;
  readonly late: boolean;
  /** R-CON-06: the signed copy must reach the provider by this day. */
  readonly signedReturnDue: string;
  /** R-CON-08: the offer lapses on this day unless the case moves on first. */
  readonly lapsesOn: string;
}

export interface ConsequenceView {
  readonly consequenceId: string;
  readonly kind: string;
  readonly dueDate: string;
  readonly rule: string;
  readonly description: string;
  readonly status: 'pending' | 'executed' | 'cancelled';
}

export interface PayerChangeView {
  readonly payerChangeId: string;
  readonly reason: string;
  readonly changedOn: string;
  readonly reportedOn: string;
  readonly late: boolean;
  readonly newPayer: { readonly subjectId: string; readonly name: string | null };
  readonly oldPayerArrearsHuf: number | null;
  readonly surcharge: unknown;
  readonly debtPassesToNewPayer: boolean;
  readonly statementsRequired: readonly string[];
  readonly statementsGiven: readonly string[];
  readonly concludedOn: string | null;
}

/**
 * One contract case: a connection application, a contract request with its offer, a
 * counter-offer, or a contract in force; what opened it, where it stands, its deadlines with
 * their history (R-DL-03), its draft and lapse date, the links between the streams, and every step.
 */
export interface ContractCaseDetails extends CaseViewTrail {
  readonly caseId: string;
  readonly caseType: ContractCaseType;
  readonly unitId: string;
  readonly year: number;
  /** When the application, request or counter-offer arrived; when the contract was formed. */
  readonly receivedOn: string;
  readonly status: ContractCaseStatus;
  /** The contract register entry (contracts only). */
  readonly registerEntry: string | null;
  readonly customer: ContractCaseParty | null;
  readonly placeOfUse: PlaceOfUse | null;
  /** The data of the event that opened the case (personal fields decrypted, null once erased). */
  readonly opening: Record<string, unknown>;
  readonly offerDeadlines: readonly OfferDeadlineView[];
  readonly deficiencyNotices: readonly DeficiencyNoticeView[];
  readonly draft: DraftView | null;
  readonly lapsedOn: string | null;
  /** The terms in force (contract), agreed (counter-offer), or of the draft. */
  readonly terms: ContractTerms | null;
  readonly payer: { readonly subjectId: string; readonly name: string | null } | null;
  readonly payerChanges: readonly PayerChangeView[];
  readonly termination: { readonly by: string; readonly endsOn: string } | null;
  readonly endedOn: string | null;
  readonly links: {
    /** R-CON-07: the draft a counter-offer answers. */
    readonly answers: ContractCaseLink | null;
    readonly counterOffer: { readonly counterOfferId: string; readonly streamId: string } | null;
    readonly contract: { readonly contractId: string; readonly streamId: string } | null;
    /** The stream whose formation opened the contract. */
    readonly source: { readonly streamId: string; readonly streamType: string; readonly caseId: string } | null;
  };
  readonly consequences: readonly ConsequenceView[];
}

type ContractCaseEvent = ConnectionEvent | OfferEvent | CounterOfferEvent | ContractEvent;

const OPENING_TYPES = new Set(['ConnectionApplicationSubmitted', 'ContractRequestBooked', 'ContractRequested', 'CounterOfferRegistered', 'ContractEstablished']);
const CONSEQUENCE_TYPES = new Set(['ConsequenceScheduled', 'ConsequenceCancelled', 'ConsequenceExecuted']);
const DUTY_TYPES = new Set<string>(DUTY_EVENT_TYPES);

export function contractCaseTypeOf(streamId: string): ContractCaseType | null {
  // counter-offer- before offer-: the longer prefix first.
  for (const type of ['counter_offer', 'connection_application', 'contract_offer', 'contract'] as const) {
    if (streamId.startsWith(CONTRACT_CASE_PREFIX[type])) return type;
  }
  return null;
}

const partyOf = (party: ContractParty): ContractCaseParty => ({ subjectId: party.subjectId, category: party.category ?? null, name: party.name ?? null, address: party.address ?? null });

const draftOf = (d: DraftHandedOverData): DraftView => ({ terms: d.terms, handedOverOn: d.handedOverOn, late: d.late, signedReturnDue: d.signedReturnDue, lapsesOn: d.lapsesOn });

function opened(raw: ProjectionEvent, caseType: ContractCaseType, fields: Pick<ContractCaseDetails, 'caseId' | 'unitId' | 'receivedOn' | 'status'> & Partial<ContractCaseDetails>): ContractCaseDetails {
  return {
    caseType,
    ...openTrail(raw),
    year: Number(fields.receivedOn.slice(0, 4)),
    registerEntry: null,
    customer: null,
    placeOfUse: null,
    opening: raw.data,
    offerDeadlines: [],
    deficiencyNotices: [],
    draft: null,
    lapsedOn: null,
    terms: null,
    payer: null,
    payerChanges: [],
    termination: null,
    endedOn: null,
    links: { answers: null, counterOffer: null, contract: null, source: null },
    consequences: [],
    ...fields,
  };
}

function open(doc: ContractCaseDetails | undefined, raw: ProjectionEvent, caseType: ContractCaseType, event: ContractCaseEvent): ContractCaseDetails | undefined {
  switch (event.type) {
    case 'ConnectionApplicationSubmitted': {
      const d = event.data;
      return opened(raw, caseType, { caseId: d.applicationId, unitId: d.unitId, receivedOn: d.receivedOn, status: 'submitted', customer: partyOf(d.applicant), placeOfUse: d.placeOfUse });
    }
    case 'ContractRequestBooked': {
      const d = event.data;
      return opened(raw, caseType, { caseId: d.offerId, unitId: d.unitId, receivedOn: localDateOf(new Date(d.requestedAt)), status: 'appointment_booked', customer: { subjectId: d.contact.subjectId, category: null, name: d.contact.name ?? null, address: null } });
    }
    case 'ContractRequested': {
      const d = event.data;
      const fresh = opened(raw, caseType, {
        caseId: d.offerId,
        unitId: d.unitId,
        receivedOn: d.receivedOn,
        status: 'requested',
        customer: partyOf(d.requester),
        placeOfUse: d.placeOfUse,
        offerDeadlines: [{ dutyId: 'offer-handover', due: d.offerDue, from: d.receivedOn, reason: 'the written request arrived', rule: 'R-CON-04' }],
      });
      // A booked request keeps what happened on the stream before it was made in person (R-CHN-01).
      return doc ? { ...fresh, steps: doc.steps, openDuties: doc.openDuties, erasedFields: [...new Set([...doc.erasedFields, ...fresh.erasedFields])] } : fresh;
    }
    case 'CounterOfferRegistered': {
      const d = event.data;
      return opened(raw, caseType, { caseId: d.counterOfferId, unitId: d.unitId, receivedOn: d.receivedOn, status: 'awaiting_reconciliation', customer: partyOf(d.customer), terms: d.draftTerms, links: { answers: d.answers, counterOffer: null, contract: null, source: null } });
    }
    case 'ContractEstablished': {
      const d = event.data;
      return opened(raw, caseType, {
        caseId: d.contractId,
        unitId: d.unitId,
        receivedOn: d.formedOn,
        status: 'in_force',
        registerEntry: d.registerEntry.entry,
        customer: partyOf(d.customer),
        terms: d.terms,
        payer: { subjectId: d.payerSubjectId, name: d.payerSubjectId === d.customer.subjectId ? (d.customer.name ?? null) : null },
        links: { answers: null, counterOffer: null, contract: null, source: d.source },
      });
    }
    default:
      return doc;
  }
}

const OPENING_TYPE: Readonly<Record<ContractCaseType, string>> = { connection_application: 'ConnectionApplicationSubmitted', contract_offer: 'ContractRequested', counter_offer: 'CounterOfferRegistered', contract: 'ContractEstablished' };

/** R-RET-03: the case as a rebuild would read it once its subjects' keys are destroyed; terms, dates and links stay. */
function erased(doc: ContractCaseDetails): ContractCaseDetails {
  const openingType = doc.caseType === 'contract_offer' && !('requester' in doc.opening) ? 'ContractRequestBooked' : OPENING_TYPE[doc.caseType];
  const { view, opening } = erasedTrail(doc, { type: openingType, data: doc.opening });
  const anonymous = <T extends { readonly name: string | null }>(party: T | null): T | null => (party ? { ...party, name: null } : null);
  return {
    ...view,
    opening,
    customer: doc.customer ? { ...doc.customer, name: null, address: null } : null,
    placeOfUse: doc.placeOfUse ? { ...doc.placeOfUse, address: null as unknown as string } : null,
    payer: anonymous(doc.payer),
    payerChanges: doc.payerChanges.map((c) => ({ ...c, newPayer: { ...c.newPayer, name: null }, oldPayerArrearsHuf: null })),
  };
}

function consequences(list: readonly ConsequenceView[], event: ContractCaseEvent): readonly ConsequenceView[] {
  switch (event.type) {
    case 'ConsequenceScheduled': {
      const { consequenceId, kind, dueDate, rule, description } = event.data;
      return [...list, { consequenceId, kind, dueDate, rule, description, status: 'pending' }];
    }
    case 'ConsequenceCancelled':
      return list.map((c) => (c.consequenceId === event.data.consequenceId ? { ...c, status: 'cancelled' } : c));
    case 'ConsequenceExecuted':
      return list.map((c) => (c.consequenceId === event.data.consequenceId ? { ...c, status: 'executed' } : c));
    default:
      return list;
  }
}

function step(doc: ContractCaseDetails, event: ContractCaseEvent): ContractCaseDetails {
  switch (event.type) {
    // Connection applications (R-CON-01 to R-CON-03).
    case 'ConnectionInformationProvided':
      return { ...doc, status: 'informed' };
    case 'ConnectionInformationAccepted':
      return { ...doc, status: 'accepted' };
    case 'InformationChangesRequested':
      return { ...doc, status: 'changes_requested' };
    case 'ContractSentForSignature':
    case 'OfferHandedOver':
      return { ...doc, status: event.type === 'OfferHandedOver' ? 'offer_handed_over' : 'contract_sent', draft: draftOf(event.data), terms: event.data.terms };
    case 'ConnectionInformationLapsed':
      return { ...doc, status: 'information_lapsed' };
    case 'ConnectionApplicationWithdrawn':
    case 'ContractRequestWithdrawn':
      return { ...doc, status: 'withdrawn' };
    // Contract requests and offers (R-CON-04 to R-CON-09).
    case 'DeficiencyNoticeIssued': {
      const d = event.data;
      return { ...doc, status: 'awaiting_items', deficiencyNotices: [...doc.deficiencyNotices, { noticeNumber: d.noticeNumber, missing: d.missing, sentOn: d.sentOn, respondBy: d.respondBy, late: d.late, received: [] }] };
    }
    case 'MissingItemsReceived': {
      const d = event.data;
      return { ...doc, deficiencyNotices: doc.deficiencyNotices.map((n) => (n.noticeNumber === d.noticeNumber ? { ...n, received: [...n.received, { receivedOn: d.receivedOn, items: d.items, complete: d.complete }] } : n)) };
    }
    case 'OfferDeadlineRestarted': {
      const d = event.data;
      return { ...doc, status: 'requested', offerDeadlines: [...doc.offerDeadlines, { dutyId: d.dutyId, due: d.newDue, from: d.restartedOn, reason: d.reason, rule: d.rule }] };
    }
    case 'ContractFormed':
      return { ...doc, status: 'contract_formed', links: { ...doc.links, contract: { contractId: event.data.contractId, streamId: event.data.contractStreamId } } };
    case 'CounterOfferReceived':
      return { ...doc, status: 'countered', links: { ...doc.links, counterOffer: { counterOfferId: event.data.counterOfferId, streamId: event.data.counterOfferStreamId } } };
    case 'OfferLapsed':
      return { ...doc, status: 'offer_lapsed', lapsedOn: event.data.lapsedOn };
    case 'OfferLapseSetAside':
      return { ...doc, status: doc.caseType === 'connection_application' ? 'contract_sent' : 'offer_handed_over', lapsedOn: null };
    case 'ContractRefused':
      return { ...doc, status: 'refused' };
    // Counter-offers (R-CON-07).
    case 'ReconciliationStarted':
      return { ...doc, status: 'reconciling' };
    case 'PositionsAgreed':
      return { ...doc, terms: event.data.terms };
    case 'ReconciliationFailed':
      return { ...doc, status: 'failed' };
    // Contracts in force (R-CON-10 to R-CON-14).
    case 'AmendmentTookEffect':
      return { ...doc, terms: event.data.terms };
    case 'PayerChangeReported': {
      const d = event.data;
      const change: PayerChangeView = {
        payerChangeId: d.payerChangeId,
        reason: d.reason,
        changedOn: d.changedOn,
        reportedOn: d.reportedOn,
        late: d.late,
        newPayer: { subjectId: d.newPayer.subjectId, name: d.newPayer.name ?? null },
        oldPayerArrearsHuf: d.oldPayerArrearsHuf ?? null,
        surcharge: d.surcharge,
        debtPassesToNewPayer: d.debtPassesToNewPayer,
        statementsRequired: d.statementsRequired,
        statementsGiven: [],
        concludedOn: null,
      };
      return { ...doc, payerChanges: [...doc.payerChanges, change] };
    }
    case 'ArrearsStatementRecorded': {
      const d = event.data;
      return { ...doc, payerChanges: doc.payerChanges.map((c) => (c.payerChangeId === d.payerChangeId ? { ...c, statementsGiven: [...c.statementsGiven, d.by] } : c)) };
    }
    case 'PayerAgreementConcluded': {
      const d = event.data;
      const change = doc.payerChanges.find((c) => c.payerChangeId === d.payerChangeId);
      return {
        ...doc,
        payer: { subjectId: d.newPayerSubjectId, name: change?.newPayer.name ?? null },
        payerChanges: doc.payerChanges.map((c) => (c.payerChangeId === d.payerChangeId ? { ...c, concludedOn: d.concludedOn } : c)),
      };
    }
    case 'CustomerTerminationNoticeReceived':
      return { ...doc, status: 'terminating', termination: { by: 'customer', endsOn: event.data.endsOn } };
    case 'ProviderTerminationNoticeSent':
      return { ...doc, status: 'terminating', termination: { by: 'provider', endsOn: event.data.endsOn } };
    case 'TerminationAwaitingConditions':
      return { ...doc, status: 'awaiting_conditions' };
    case 'ContractTerminated':
      return { ...doc, status: 'terminated', endedOn: event.data.endedOn };
    case 'RetentionExpired':
      return erased(doc);
    default:
      return doc;
  }
}

function evolve(doc: ContractCaseDetails | undefined, raw: ProjectionEvent): ContractCaseDetails | undefined {
  const caseType = contractCaseTypeOf(raw.streamId);
  if (!caseType) return doc;
  const event = { type: raw.type, data: raw.data } as unknown as ContractCaseEvent;
  if (OPENING_TYPES.has(event.type)) return open(doc, raw, caseType, event);
  if (!doc) return doc;
  const isStep = !DUTY_TYPES.has(event.type) && !CONSEQUENCE_TYPES.has(event.type);
  const next: ContractCaseDetails = { ...advanceTrail(doc, raw, isStep), consequences: consequences(doc.consequences, event) };
  return step(next, event);
}

export const contractCasesProjection: DocumentProjection<ContractCaseDetails> = {
  kind: 'documents',
  name: CONTRACT_CASES,
  version: 1,
  handles: [...new Set([...allContractEventSchemas.map((s) => s.type), ...DUTY_EVENT_TYPES, 'RetentionExpired'])],
  documentIds: (event) => (contractCaseTypeOf(event.streamId) ? [event.streamId] : []),
  evolve,
  indexes: [
    { name: 'unit', path: 'unitId' },
    { name: 'year', path: 'year' },
    { name: 'case_type', path: 'caseType' },
    { name: 'status', path: 'status' },
    { name: 'received_on', path: 'receivedOn' },
  ],
};
