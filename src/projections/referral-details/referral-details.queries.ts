import type { DocumentReadStore } from '../../application/ports/read-model.port.js';
import { REFERRAL_DETAILS, type ReferralDetails } from './referral-details.projection.js';

export function getReferralDetails(store: DocumentReadStore, referralId: string): Promise<ReferralDetails | undefined> {
  return store.get<ReferralDetails>(REFERRAL_DETAILS, referralId);
}
