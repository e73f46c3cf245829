import type { ExternalBody } from '../external-bodies/external-bodies.js';
import { assertNever } from '../shared/decider.js';
import type { ExtractBundlePurgedData, ExtractEvent } from './extract.events.js';
import type { DeliveryChannel, DeliveryRecipient, ExtractBundleRecord, ExtractScope, LegalBasis, StaffRef } from './extract.types.js';

export interface ExtractDelivery {
  readonly deliveryId: string;
  readonly channel: DeliveryChannel;
  readonly deliveredAt: string;
  readonly recipient: DeliveryRecipient;
  readonly recordedBy: StaffRef;
}

/** Everything known about a requested extract: who asked, who approved, what was sent to whom. */
export interface ExtractCase {
  readonly extractId: string;
  readonly scope: ExtractScope;
  readonly addressee: ExternalBody;
  readonly legalBasis: LegalBasis;
  readonly knownCheckpointSize: number | null;
  readonly purpose: string;
  readonly requestedBy: StaffRef;
  readonly requestedAt: string;
  readonly approval: { readonly approvedBy: StaffRef; readonly approvedAt: string; readonly note: string | null } | null;
  readonly refusal: { readonly refusedBy: StaffRef; readonly refusedAt: string; readonly reason: string } | null;
  readonly bundle: (ExtractBundleRecord & { readonly generatedBy: StaffRef; readonly generatedAt: string }) | null;
  readonly deliveries: readonly ExtractDelivery[];
  /** The kept bundle was deleted when the covered case's retention ended (R-RET-03); its record stays. */
  readonly bundlePurge: ExtractBundlePurgedData | null;
}

export type ExtractStatus = 'requested' | 'approved' | 'refused' | 'generated' | 'delivered';

export type ExtractState = { readonly status: 'none' } | ({ readonly status: ExtractStatus } & ExtractCase);

export const initialExtractState: ExtractState = { status: 'none' };

export function evolveExtract(state: ExtractState, event: ExtractEvent): ExtractState {
  if (event.type === 'ExtractRequested') {
    const d = event.data;
    return {
      status: 'requested',
      extractId: d.extractId,
      scope: d.scope,
      addressee: d.addressee,
      legalBasis: d.legalBasis,
      knownCheckpointSize: d.knownCheckpointSize,
      purpose: d.purpose,
      requestedBy: d.requestedBy,
      requestedAt: d.requestedAt,
      approval: null,
      refusal: null,
      bundle: null,
      deliveries: [],
      bundlePurge: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ExtractApproved':
      return { ...state, status: 'approved', approval: event.data };
    case 'ExtractRefused':
      return { ...state, status: 'refused', refusal: event.data };
    case 'ExtractGenerated':
      return { ...state, status: 'generated', bundle: { ...event.data.bundle, generatedBy: event.data.generatedBy, generatedAt: event.data.generatedAt } };
    case 'ExtractDelivered': {
      const { bundleSha256: _sha, ...delivery } = event.data;
      return { ...state, status: 'delivered', deliveries: [...state.deliveries, delivery] };
    }
    case 'ExtractBundlePurged':
      return { ...state, bundlePurge: event.data };
    default:
      return assertNever(event, 'extract event');
  }
}
