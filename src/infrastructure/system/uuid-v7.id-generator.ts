import { v7 } from 'uuid';
import type { IdGenerator } from '../../application/ports/id-generator.port.js';

/** Time-ordered UUIDs (RFC 9562 v7): unique, and kind to the event-id index. */
export class UuidV7IdGenerator implements IdGenerator {
  newId(): string {
    return v7();
  }
}
