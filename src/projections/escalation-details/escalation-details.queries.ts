import type { DocumentReadStore } from '../../application/ports/read-model.port.js';
import { ESCALATION_DETAILS, type EscalationDetails } from './escalation-details.projection.js';

export function getEscalationDetails(store: DocumentReadStore, escalationId: string): Promise<EscalationDetails | undefined> {
  return store.get<EscalationDetails>(ESCALATION_DETAILS, escalationId);
}
