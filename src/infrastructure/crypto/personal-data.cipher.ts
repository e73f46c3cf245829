import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PersonalDataSpec } from '../../domain/shared/event-schema.js';
import { resolvePath } from '../../domain/shared/field-paths.js';
import type { KeyStore } from '../../application/ports/key-store.port.js';

/** How an encrypted personal field is stored inside event data. */
export interface EncryptedField {
  readonly $enc: 'A256GCM';
  /** The data subject whose key encrypts this field. */
  readonly sub: string;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

export function isEncryptedField(value: unknown): value is EncryptedField {
  return typeof value === 'object' && value !== null && (value as { $enc?: unknown }).$enc === 'A256GCM';
}

/** The subject id, stream id, event id and field path bind a ciphertext to its place. */
function associatedData(streamId: string, eventId: string, path: string): Buffer {
  return Buffer.from(JSON.stringify([streamId, eventId, path]), 'utf8');
}

export function encryptValue(key: Uint8Array, subjectId: string, value: unknown, aad: Buffer): EncryptedField {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $enc: 'A256GCM', sub: subjectId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

export function decryptValue(key: Uint8Array, field: EncryptedField, aad: Buffer): unknown {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(field.iv, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(field.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

function subjectOf(data: Record<string, unknown>, spec: PersonalDataSpec): string | undefined {
  const [slot] = resolvePath(data, spec.subjectPath);
  const subject = slot?.get();
  return typeof subject === 'string' && subject.length > 0 ? subject : undefined;
}

/**
 * Encrypts the personal fields of `data` in place of a copy, under each subject's key.
 * A field whose value is null or absent stays as it is (nothing personal to protect).
 */
export async function encryptPersonalFields(
  keys: KeyStore,
  specs: readonly PersonalDataSpec[],
  data: Record<string, unknown>,
  streamId: string,
  eventId: string,
): Promise<Record<string, unknown>> {
  if (specs.length === 0) return data;
  const copy = structuredClone(data);
  for (const spec of specs) {
    const subject = subjectOf(copy, spec);
    const slots = spec.fields.flatMap((field) => resolvePath(copy, field)).filter((slot) => slot.get() != null);
    if (slots.length === 0) continue;
    if (!subject) throw new Error(`Personal data without a subject id at ${spec.subjectPath}`);
    const key = await keys.keyForWriting(subject);
    for (const slot of slots) slot.set(encryptValue(key, subject, slot.get(), associatedData(streamId, eventId, slot.path)));
  }
  return copy;
}

/** Every encrypted field in stored data, with its concrete path; independent of schema versions. */
function encryptedFieldsIn(node: unknown, path: string[] = [], found: Array<{ path: string; field: EncryptedField; set: (v: unknown) => void }> = [], set?: (v: unknown) => void) {
  if (isEncryptedField(node)) {
    if (set) found.push({ path: path.join('.'), field: node, set });
    return found;
  }
  if (Array.isArray(node)) {
    node.forEach((item, i) => encryptedFieldsIn(item, [...path, String(i)], found, (v) => (node[i] = v)));
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      encryptedFieldsIn(record[key], [...path, key], found, (v) => (record[key] = v));
    }
  }
  return found;
}

/** The subjects whose keys are needed to read `data`. */
export function subjectsIn(data: Record<string, unknown>): string[] {
  return [...new Set(encryptedFieldsIn(data).map((entry) => entry.field.sub))];
}

/**
 * Decrypts every encrypted field; one whose key is destroyed reads as null and its path is
 * reported as erased. A ciphertext that fails authentication throws: it was tampered with.
 */
export function decryptPersonalFields(
  keys: ReadonlyMap<string, Uint8Array | null>,
  stored: Record<string, unknown>,
  streamId: string,
  eventId: string,
): { data: Record<string, unknown>; erased: string[] } {
  if (encryptedFieldsIn(stored).length === 0) return { data: stored, erased: [] };
  const data = structuredClone(stored);
  const erased: string[] = [];
  for (const { path, field, set } of encryptedFieldsIn(data)) {
    const key = keys.get(field.sub);
    if (!key) {
      set(null);
      erased.push(path);
      continue;
    }
    set(decryptValue(key, field, associatedData(streamId, eventId, path)));
  }
  return { data, erased };
}
