import type { DocumentReadStore } from '../../application/ports/read-model.port.js';
import { COMPLAINT_DETAILS, type ComplaintDetails } from './complaint-details.projection.js';

export function getComplaintDetails(store: DocumentReadStore, complaintId: string): Promise<ComplaintDetails | undefined> {
  return store.get<ComplaintDetails>(COMPLAINT_DETAILS, complaintId);
}
