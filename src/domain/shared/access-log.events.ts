import type { EventSchema } from './event-schema.js';

/** R-RET-04: every read of a case's personal data through the API, with who, when and why. */
export interface PersonalDataAccessedData {
  readonly caseStreamId: string;
  /** What was read (`complaint_details`, `case_file`, ...). */
  readonly view: string;
  /** Why, as the reader stated it. */
  readonly purpose: string;
}

export const ACCESS_LOG_STREAM_PREFIX = 'access-';
export const accessLogStreamId = (caseStreamId: string) => `${ACCESS_LOG_STREAM_PREFIX}${caseStreamId}`;

export const accessLogEventSchemas: readonly EventSchema[] = [{ type: 'PersonalDataAccessed', schemaVersion: 1 }];
