import type { DocumentPage, DocumentReadStore } from '../../application/ports/read-model.port.js';
import { CONTRACT_CASE_PREFIX, CONTRACT_CASES, type ContractCaseDetails, type ContractCaseStatus, type ContractCaseType } from './contract-cases.projection.js';

export function getContractCase(store: DocumentReadStore, caseType: ContractCaseType, caseId: string): Promise<ContractCaseDetails | undefined> {
  return store.get<ContractCaseDetails>(CONTRACT_CASES, `${CONTRACT_CASE_PREFIX[caseType]}${caseId}`);
}

/** One line of the contract case register. */
export interface ContractCaseRegisterLine {
  readonly caseId: string;
  readonly caseType: ContractCaseType;
  readonly streamId: string;
  readonly unitId: string;
  readonly year: number;
  readonly receivedOn: string;
  readonly registerEntry: string | null;
  readonly status: ContractCaseStatus;
  /** Personal: null once erased (R-RET-03). */
  readonly customerName: string | null;
  readonly placeOfUseId: string | null;
  /** The offer deadline now running (R-CON-04, restarted under R-CON-05), with how often it restarted (R-DL-03). */
  readonly offerDue: string | null;
  readonly offerDeadlineRestarts: number;
  /** R-CON-08: an open offer lapses on this day unless the case moves on first. */
  readonly lapsesOn: string | null;
  readonly nextDutyDue: string | null;
  readonly links: ContractCaseDetails['links'];
  readonly endedOn: string | null;
}

const OPEN_OFFER: readonly ContractCaseStatus[] = ['contract_sent', 'offer_handed_over'];

export function registerLineOf(doc: ContractCaseDetails): ContractCaseRegisterLine {
  const offerDuty = doc.offerDeadlines.length > 0 && doc.status === 'requested' ? doc.offerDeadlines.at(-1)! : null;
  const dues = doc.openDuties.filter((d) => d.owner === 'provider').map((d) => d.dueDate).sort();
  return {
    caseId: doc.caseId,
    caseType: doc.caseType,
    streamId: doc.streamId,
    unitId: doc.unitId,
    year: doc.year,
    receivedOn: doc.receivedOn,
    registerEntry: doc.registerEntry,
    status: doc.status,
    customerName: doc.customer?.name ?? null,
    placeOfUseId: doc.terms?.placeOfUseId ?? doc.placeOfUse?.placeOfUseId ?? null,
    offerDue: offerDuty?.due ?? null,
    offerDeadlineRestarts: Math.max(0, doc.offerDeadlines.length - 1),
    lapsesOn: doc.draft && OPEN_OFFER.includes(doc.status) ? doc.draft.lapsesOn : null,
    nextDutyDue: dues[0] ?? null,
    links: doc.links,
    endedOn: doc.endedOn,
  };
}

export interface ContractCaseRegisterQuery {
  readonly unitId: string;
  readonly year: number;
  readonly caseType?: ContractCaseType;
  readonly status?: ContractCaseStatus;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/**
 * The contract case register of a customer service office for a year: applications, requests
 * with their offers, counter-offers and contracts, in order of receipt (formation for contracts).
 */
export async function listContractCaseRegister(store: DocumentReadStore, query: ContractCaseRegisterQuery): Promise<DocumentPage<ContractCaseRegisterLine>> {
  const page = await store.find<ContractCaseDetails>(CONTRACT_CASES, {
    where: { unitId: query.unitId, year: query.year, ...(query.caseType ? { caseType: query.caseType } : {}), ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ path: 'receivedOn', direction: 'asc' }],
    cursor: query.cursor ?? null,
    limit: query.limit ?? 50,
  });
  return { items: page.items.map(registerLineOf), nextCursor: page.nextCursor };
}
