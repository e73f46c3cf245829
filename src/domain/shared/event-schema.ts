/**
 * How an event type is stored: its current schema version, which fields hold personal
 * data (encrypted per data subject before hashing), and upcasters from older shapes.
 *
 * Paths are dot-separated into `data`; `[]` walks every element of an array
 * (`representatives[].name`). The subject path must lead to a string id.
 */
export interface PersonalDataSpec {
  /** Path to the data subject's id; every field below is encrypted under that subject's key. */
  readonly subjectPath: string;
  readonly fields: readonly string[];
  /**
   * The record type whose retention alone governs this key (R-RET-01): its fields outlive the
   * case's other records (accounting documents, 8 years). Absent: the key serves the case's other records.
   */
  readonly recordType?: string;
}

/** The key of a subject's records of one record type, kept apart so their own retention decides (`<subject>#<recordType>`). */
export function scopedSubjectId(subjectId: string, recordType: string): string {
  return `${subjectId}#${recordType}`;
}

/** Whether a key is a subject's key of one record type (made by {@link scopedSubjectId}), not the subject's own. */
export function isScopedSubjectId(subjectId: string): boolean {
  return subjectId.includes('#');
}

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventSchema {
  readonly type: string;
  /** The version new events are written with. Starts at 1. */
  readonly schemaVersion: number;
  readonly personal?: readonly PersonalDataSpec[];
  /** `upcasters[n]` turns version n into version n + 1. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/** The set of known event schemas. Unknown types are stored as they are, with schema version 1. */
export class EventSchemaRegistry {
  private readonly byType = new Map<string, EventSchema>();

  constructor(schemas: Iterable<EventSchema> = []) {
    for (const schema of schemas) this.register(schema);
  }

  register(schema: EventSchema): this {
    if (this.byType.has(schema.type)) throw new Error(`Event schema registered twice: ${schema.type}`);
    if (!Number.isInteger(schema.schemaVersion) || schema.schemaVersion < 1) {
      throw new Error(`Schema version of ${schema.type} must be a positive integer`);
    }
    for (let v = 1; v < schema.schemaVersion; v++) {
      if (!schema.upcasters?.[v]) throw new Error(`${schema.type}: no upcaster from version ${v} to ${v + 1}`);
    }
    this.byType.set(schema.type, schema);
    return this;
  }

  registerAll(schemas: Iterable<EventSchema>): this {
    for (const schema of schemas) this.register(schema);
    return this;
  }

  get(type: string): EventSchema | undefined {
    return this.byType.get(type);
  }

  currentVersion(type: string): number {
    return this.byType.get(type)?.schemaVersion ?? 1;
  }

  personal(type: string): readonly PersonalDataSpec[] {
    return this.byType.get(type)?.personal ?? [];
  }

  /** Brings stored data of `fromVersion` up to the current shape. */
  upcast(type: string, fromVersion: number, data: Record<string, unknown>): Record<string, unknown> {
    const schema = this.byType.get(type);
    if (!schema) return data;
    if (fromVersion > schema.schemaVersion) {
      throw new Error(`${type} stored with schema version ${fromVersion}, newer than this build knows (${schema.schemaVersion})`);
    }
    let current = data;
    for (let v = fromVersion; v < schema.schemaVersion; v++) current = schema.upcasters![v]!(current);
    return current;
  }
}
