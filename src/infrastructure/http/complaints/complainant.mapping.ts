import type { Complainant } from '../../../domain/complaint/complaint.types.js';
import type { ComplainantDto } from './complaints.request.dto.js';

/**
 * The complainant as the domain takes it. One data subject per case and person, so the case's
 * own retention decides when the personal fields are shredded (R-RET-03).
 */
export function complainantOf(body: ComplainantDto, caseId: string): Complainant {
  return {
    subjectId: `${caseId}/complainant`,
    name: body.name ?? null,
    address: body.address ?? null,
    email: body.email ?? null,
    phone: body.phone ?? null,
    customerNumber: body.customerNumber ?? null,
    representative: body.representative ? { name: body.representative.name, authorisation: body.representative.authorisation } : null,
  };
}
