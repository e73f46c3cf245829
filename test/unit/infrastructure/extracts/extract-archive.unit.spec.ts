import { Header, Parser } from 'tar';
import { readArchive, writeArchive, ArchiveError } from '../../../../src/infrastructure/extracts/bundle/tar-archive.js';

const entries = [
  { name: 'manifest.json', content: Buffer.from('{"a":1}\n') },
  { name: 'events.jsonl', content: Buffer.alloc(512, 0x61) },
  { name: 'summary.csv', content: Buffer.from('\uFEFFSzempont;Darab\r\n', 'utf8') },
];
const mtime = new Date('2026-03-02T09:00:00.000Z');

describe('the extract archive', () => {
  it('writes a standard ustar archive that tar tools read, and reads it back', async () => {
    const archive = writeArchive(entries, mtime);
    expect(archive.length % 512).toBe(0);
    expect(readArchive(archive)).toEqual(entries);
    const listed: string[] = [];
    await new Promise<void>((done, fail) => {
      const parser = new Parser({ strict: true, onReadEntry: (entry) => { listed.push(`${entry.path}:${entry.size}`); entry.resume(); } });
      parser.on('error', fail);
      parser.on('end', () => done());
      parser.end(archive);
    });
    expect(listed).toEqual(['manifest.json:8', 'events.jsonl:512', `summary.csv:${entries[2]!.content.length}`]);
  });

  it('any byte changed outside the files’ contents is caught: headers, checksums, padding, the end marker', () => {
    const archive = writeArchive(entries, mtime);
    const content = new Set<number>();
    let offset = 0;
    for (const e of entries) {
      for (let i = 0; i < e.content.length; i++) content.add(offset + 512 + i);
      offset += 512 + Math.ceil(e.content.length / 512) * 512;
    }
    let checked = 0;
    for (let at = 0; at < archive.length; at++) {
      if (content.has(at)) continue;
      for (const mask of [0x01, 0x20, 0xff]) {
        const damaged = Buffer.from(archive);
        damaged[at] = damaged[at]! ^ mask;
        expect(() => readArchive(damaged)).toThrow(ArchiveError);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(3 * 512);
  });

  it('refuses a cut archive, trailing bytes, duplicate names, links and paths', () => {
    const archive = writeArchive(entries, mtime);
    expect(() => readArchive(archive.subarray(0, archive.length - 1024))).toThrow(/end-of-archive marker|cut/);
    expect(() => readArchive(Buffer.concat([archive, Buffer.alloc(512)]))).toThrow(/follow the end-of-archive marker/);
    expect(() => readArchive(writeArchive([entries[0]!, entries[0]!], mtime))).toThrow(/appears twice/);
    expect(() => writeArchive([{ name: '../etc/passwd', content: Buffer.alloc(1) }], mtime)).toThrow(/plain file name/);
    expect(() => readArchive(Buffer.alloc(0))).toThrow(/empty/);
    const link = Buffer.alloc(512);
    new Header({ path: 'manifest.json', linkpath: '/etc/passwd', mode: 0o777, uid: 0, gid: 0, size: 0, mtime, type: 'SymbolicLink', uname: '', gname: '' }).encode(link, 0);
    expect(() => readArchive(Buffer.concat([link, Buffer.alloc(1024)]))).toThrow(/SymbolicLink entry; a bundle holds regular files only/);
  });
});
