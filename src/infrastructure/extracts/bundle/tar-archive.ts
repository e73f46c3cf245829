import { Header } from 'tar';

/** A file of an archive: a plain name and its bytes. */
export interface ArchiveEntry {
  readonly name: string;
  readonly content: Buffer;
}

/** The archive is not a well-formed bundle archive; the message says where. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const BLOCK = 512;
const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const MAX_ENTRIES = 64;

function headerOf(name: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  new Header({ path: name, mode: 0o644, uid: 0, gid: 0, size, mtime, type: 'File', uname: '', gname: '' }).encode(block, 0);
  return block;
}

/** A ustar archive of regular files, in the given order, ending with two zero blocks and nothing else. */
export function writeArchive(entries: readonly ArchiveEntry[], mtime: Date): Buffer {
  const parts: Buffer[] = [];
  // Whole seconds: tar keeps no more, and the reader re-encodes headers to compare them.
  const seconds = new Date(Math.floor(mtime.getTime() / 1000) * 1000);
  for (const entry of entries) {
    if (!NAME.test(entry.name)) throw new Error(`Not a plain file name for a bundle: ${entry.name}`);
    parts.push(headerOf(entry.name, entry.content.length, seconds), entry.content, Buffer.alloc((BLOCK - (entry.content.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

function isZero(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return i;
  return -1;
}

/**
 * Reads an archive strictly, so that any changed byte is noticed: every header must be exactly
 * what {@link writeArchive} writes for its fields (checksum included), padding and the end
 * marker must be zeros, and nothing may follow the end marker.
 * @throws ArchiveError naming the entry or offset that is wrong.
 */
export function readArchive(archive: Buffer): ArchiveEntry[] {
  if (archive.length === 0) throw new ArchiveError('the file is empty');
  if (archive.length % BLOCK !== 0) throw new ArchiveError(`its length ${archive.length} is not a multiple of ${BLOCK} bytes: it was cut or extended`);
  const entries: ArchiveEntry[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > archive.length) throw new ArchiveError('it ends without the end-of-archive marker: it was cut');
    const block = archive.subarray(offset, offset + BLOCK);
    if (isZero(block) === -1) {
      const rest = archive.subarray(offset);
      if (rest.length < 2 * BLOCK) throw new ArchiveError('the end-of-archive marker is incomplete: the archive was cut');
      if (rest.length > 2 * BLOCK) throw new ArchiveError(`${rest.length - 2 * BLOCK} bytes follow the end-of-archive marker`);
      const nonZero = isZero(rest);
      if (nonZero !== -1) throw new ArchiveError(`the end-of-archive marker has a non-zero byte at offset ${offset + nonZero}`);
      return entries;
    }
    const where = `the header at offset ${offset}`;
    const checksum = checksumOf(block);
    const stored = /^([0-7]{6}) \0$/.exec(block.subarray(148, 156).toString('latin1'));
    if (!stored || parseInt(stored[1]!, 8) !== checksum) throw new ArchiveError(`${where} fails its checksum: it was changed`);
    const header = new Header(block, 0);
    const name = header.path ?? '';
    if (header.type !== 'File') throw new ArchiveError(`${where} is a ${header.type} entry; a bundle holds regular files only`);
    if (!NAME.test(name)) throw new ArchiveError(`${where} names ${JSON.stringify(name)}, not a plain file name`);
    const size = header.size ?? -1;
    if (!Number.isSafeInteger(size) || size < 0) throw new ArchiveError(`${where} (${name}) has no valid size`);
    if (!headerOf(name, size, header.mtime ?? new Date(0)).equals(block)) throw new ArchiveError(`${where} (${name}) is not in the bundle's header form: it was changed`);
    if (names.has(name)) throw new ArchiveError(`${name} appears twice`);
    if (entries.length >= MAX_ENTRIES) throw new ArchiveError(`more than ${MAX_ENTRIES} files`);
    const start = offset + BLOCK;
    const end = start + size;
    const padded = start + Math.ceil(size / BLOCK) * BLOCK;
    if (padded > archive.length) throw new ArchiveError(`${name} is cut: the header says ${size} bytes, the archive ends before`);
    const padding = isZero(archive.subarray(end, padded));
    if (padding !== -1) throw new ArchiveError(`the padding after ${name} has a non-zero byte at offset ${end + padding}`);
    names.add(name);
    entries.push({ name, content: Buffer.from(archive.subarray(start, end)) });
    offset = padded;
  }
}

/** The ustar checksum: every header byte summed, the checksum field counted as spaces. */
function checksumOf(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum;
}
