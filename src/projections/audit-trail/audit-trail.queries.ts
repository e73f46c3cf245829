import type { DocumentReadStore } from '../../application/ports/read-model.port.js';
import { AUDIT_TRAIL, type AuditTrail } from './audit-trail.projection.js';

export function getAuditTrail(store: DocumentReadStore, streamId: string): Promise<AuditTrail | undefined> {
  return store.get<AuditTrail>(AUDIT_TRAIL, streamId);
}
