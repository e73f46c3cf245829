import type { ContractChanges } from '../../../domain/contract/contract-in-force/contract.commands.js';
import type { ContractParty, ContractTerm, ContractTerms, PlaceOfUse } from '../../../domain/contract/contract.types.js';
import type { FollowUpOutcome } from '../../../application/contract/contract-follow-ups.js';
import type * as dto from './contracts.request.dto.js';

/**
 * A party as the domain takes it, under the data subject the edge chose. Fields left out stay
 * empty, so that R-CON-01 names them rather than the request format.
 */
export function partyOf(body: dto.PartyDto, subjectId: string): ContractParty {
  const common = {
    subjectId,
    name: body.name ?? '',
    address: body.address ?? '',
    legalTitle: body.legalTitle ?? '',
    email: body.email ?? null,
    phone: body.phone ?? null,
    bankDetails: body.bankDetails ? { bankName: body.bankDetails.bankName, accountNumber: body.bankDetails.accountNumber } : null,
  };
  if (body.category === 'residential') {
    return { ...common, category: 'residential', birthPlace: body.birthPlace ?? '', birthDate: body.birthDate ?? '', mothersName: body.mothersName ?? '' };
  }
  return {
    ...common,
    category: 'other',
    statisticalNumber: body.statisticalNumber ?? '',
    companyRegistrationNumber: body.companyRegistrationNumber ?? '',
    taxNumber: body.taxNumber ?? '',
    representative: { name: body.representative?.name ?? '', address: body.representative?.address ?? '' },
  };
}

export const placeOfUseOf = (body: dto.PlaceOfUseDto): PlaceOfUse => ({ placeOfUseId: body.placeOfUseId ?? null, address: body.address, purpose: body.purpose });

export const termOf = (body: dto.ContractTermDto): ContractTerm =>
  body.kind === 'indefinite' ? { kind: 'indefinite', agreedOtherwise: body.agreedOtherwise ?? false } : { kind: 'fixed', endsOn: body.endsOn ?? '' };

export const termsOf = (body: dto.ContractTermsDto): ContractTerms => ({
  kind: body.kind,
  placeOfUseId: body.placeOfUseId,
  tariff: body.tariff,
  paymentMethod: body.paymentMethod,
  contractedHeatKw: body.contractedHeatKw,
  supplyStartsOn: body.supplyStartsOn,
  term: termOf(body.term),
  customerNoticeDays: body.customerNoticeDays ?? null,
});

/** Only the terms the amendment names: an absent one is not a change. */
export function changesOf(body: dto.ContractChangesDto): ContractChanges {
  return {
    ...(body.tariff !== undefined ? { tariff: body.tariff } : {}),
    ...(body.paymentMethod !== undefined ? { paymentMethod: body.paymentMethod } : {}),
    ...(body.contractedHeatKw !== undefined ? { contractedHeatKw: body.contractedHeatKw } : {}),
    ...(body.term !== undefined ? { term: termOf(body.term) } : {}),
    ...(body.customerNoticeDays !== undefined ? { customerNoticeDays: body.customerNoticeDays } : {}),
  };
}

export const isoOf = (value: string) => new Date(value).toISOString();

/** What a step answers about the streams it opened: the counter-offer (R-CON-07), the contract and its register entry (R-CON-06). */
export function followUpBody(followUps: FollowUpOutcome) {
  return {
    counterOffer: followUps.counterOffer
      ? { counterOfferId: followUps.counterOffer.counterOfferId, reconciliationDue: followUps.counterOffer.outcome.result.reconciliationDue ?? null, location: `/api/v1/counter-offers/${followUps.counterOffer.counterOfferId}` }
      : null,
    contract: followUps.contract
      ? { contractId: followUps.contract.contractId, registerEntry: followUps.contract.outcome.result.registerEntry ?? null, location: `/api/v1/contracts/${followUps.contract.contractId}` }
      : null,
  };
}

/** The signed draft as received; differences make it a counter-offer (R-CON-07). */
export function signedDraftOf(body: dto.SignedReturnRequest) {
  const differences = (body.differences ?? []).map((d) => ({ clause: d.clause, customerPosition: d.customerPosition }));
  return { type: 'ReceiveSignedDraft' as const, data: { receivedAt: isoOf(body.receivedAt), channel: body.channel, bookAppointment: body.bookAppointment ?? false, differences } };
}

/** A refusal for conditions the applicant did not meet (R-CON-09). */
export function refusalOf(body: dto.RefusalRequest) {
  return { type: 'RefuseContract' as const, data: { unmetConditions: body.unmetConditions, explanation: body.explanation, sentAt: isoOf(body.sentAt), channel: body.channel } };
}

/** The personal appointment offered for an in-person matter (R-CHN-01, R-LAW-11). */
export function appointmentOf(body: dto.AppointmentOfferRequest) {
  return { type: 'OfferAppointment' as const, data: { appointmentId: body.appointmentId, appointmentAt: isoOf(body.appointmentAt) } };
}
