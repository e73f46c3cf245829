import { isEncryptedField } from '../../crypto/personal-data.cipher.js';
import type { BundleEvent } from '../bundle/extract-bundle.format.js';
import { csvDocument, htmlDocument, type HtmlSection } from './summary-document.js';
import { extractFacts, type ManifestHeader } from './extract-facts.js';
import { CHANNEL_HU, CLOSURE_HU, COMPLAINT_KIND_HU, EVENT_HU, FINDING_HU, hu, OUTCOME_HU, RECORD_COPY_HU, SIGNATURE_HU } from './summary-labels.hu.js';

/** Decrypted data of the events whose personal fields the legal basis lets the summary show, by event id. */
export type RevealedData = ReadonlyMap<string, { readonly data: unknown; readonly erased: readonly string[] }>;

/** Shown in place of a personal field the legal basis does not cover. */
export const REDACTED = '[kitakarva]';
/** Shown in place of a personal field whose subject key was destroyed when retention ended (R-RET-03). */
export const ERASED = '[törölve: a megőrzési idő lejárt]';

type Lookup = { readonly value: unknown } | typeof REDACTED | typeof ERASED;

function childOf(node: unknown, key: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
}

/** A field of an event: stored values as they are, ciphertext revealed only from `revealed`. */
function lookup(event: BundleEvent, path: string, revealed: RevealedData | undefined): Lookup {
  const keys = path.split('.');
  let node: unknown = event.data;
  for (let i = 0; i <= keys.length; i++) {
    if (isEncryptedField(node)) {
      const plain = revealed?.get(event.eventId);
      if (!plain) return REDACTED;
      if (plain.erased.includes(keys.slice(0, i).join('.'))) return ERASED;
      return { value: keys.reduce(childOf, plain.data) };
    }
    if (i === keys.length) break;
    node = childOf(node, keys[i]!);
  }
  return { value: node };
}

/** Members in code-unit order, as in the canonical form: the database's jsonb order never shows through. */
function entries(value: object): [string, unknown][] {
  return Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'igen' : 'nem';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(show).join('; ');
  if (typeof value === 'object') return entries(value).map(([k, v]) => `${k}: ${show(v)}`).join(', ');
  return String(value);
}

type Presenter = Readonly<Record<string, string>> | ((value: unknown) => string);

function shown(found: Lookup, present?: Presenter): string {
  if (typeof found === 'string') return found;
  if (!present) return show(found.value);
  return typeof present === 'function' ? present(found.value) : hu(present, found.value);
}

/** A body named in a reply (R-LAW-07) with its contact details. */
function body(value: unknown): string {
  if (value === null || typeof value !== 'object') return show(value);
  const b = value as Record<string, unknown>;
  return [b.name, b.address, b.phone ? `tel.: ${show(b.phone)}` : null, b.email ? `e-mail: ${show(b.email)}` : null].filter((x) => x !== null && x !== undefined).map(show).join(', ');
}

/** Every leaf field of an event's data, personal ones redacted or revealed: the history's detail column. */
function details(event: BundleEvent, revealed: RevealedData | undefined): string {
  const parts: string[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (isEncryptedField(node) || node === null || typeof node !== 'object' || Array.isArray(node)) {
      parts.push(`${path.join('.')}: ${shown(lookup(event, path.join('.'), revealed))}`);
      return;
    }
    for (const [key, child] of entries(node)) walk(child, [...path, key]);
  };
  if (event.data !== null && typeof event.data === 'object') for (const [key, child] of entries(event.data)) walk(child, [key]);
  return parts.join('; ');
}

function actorOf(event: BundleEvent): string {
  const actor = childOf(event.metadata, 'actor');
  const unit = childOf(actor, 'unit');
  return `${show(childOf(actor, 'userId'))} (${show(childOf(actor, 'role'))}${typeof unit === 'string' ? `, ${unit}` : ''})`;
}

/**
 * The case file as a consumer-protection authority asks for it: the complaint, the record, the
 * finding, the reply and the closing, then the whole history. Rendered only from the bundle's
 * events (and, where the legal basis allows, their decrypted personal fields), so a redacted
 * summary can be rendered again by the offline verifier.
 */
export function renderCaseFileSummary(manifest: ManifestHeader, events: readonly BundleEvent[], revealed?: RevealedData): { html: string; csv: string } {
  const first = (type: string) => events.find((e) => e.type === type);
  const all = (type: string) => events.filter((e) => e.type === type);
  const sections: { heading: string; facts: [string, string][] }[] = [];
  const section = (heading: string, event: BundleEvent | undefined, rows: [string, string, Presenter?][]) => {
    if (event) sections.push({ heading, facts: rows.map(([label, path, table]) => [label, shown(lookup(event, path, revealed), table)]) });
  };

  section('A panasz', first('ComplaintRegistered'), [
    ['Iktatószám', 'registerEntry.entry'],
    ['Egyedi azonosító', 'uniqueIdentifier'],
    ['Beérkezés ideje', 'receivedAt'],
    ['Beérkezés napja', 'receivedOn'],
    ['A panasz módja', 'channel', CHANNEL_HU],
    ['A panasz típusa', 'kind', COMPLAINT_KIND_HU],
    ['Fogadó egység', 'receivingUnit'],
    ['Panaszos neve', 'complainant.name'],
    ['Panaszos címe', 'complainant.address'],
    ['Panaszos e-mail-címe', 'complainant.email'],
    ['Panaszos telefonszáma', 'complainant.phone'],
    ['Felhasználói azonosító', 'complainant.customerNumber'],
    ['Képviselő', 'complainant.representative'],
    ['Névtelen panasz', 'anonymous'],
    ['Felhasználási hely', 'placeOfUseId'],
    ['A panasz leírása', 'description'],
    ['Benyújtott iratok', 'documents'],
    ['Kért orvoslás', 'remedySought'],
    ['Írásbeli válasz szükséges', 'writtenReplyRequired'],
    ['Válaszadási határidő', 'deadlines.replyDue'],
    ['A határidő alapja', 'deadlines.replyBasis'],
  ]);
  section('Jegyzőkönyv', first('ComplaintRecordDrawnUp'), [
    ['Felvétel ideje', 'drawnUpAt'],
    ['Felvétel helye', 'place'],
    ['Felvette', 'recordedBy'],
    ['A vállalat álláspontja', 'positionIfExamined'],
    ['A panaszos aláírása', 'customerSignature', SIGNATURE_HU],
    ['A jegyzőkönyv másolata', 'copy', RECORD_COPY_HU],
  ]);
  section('Vizsgálati megállapítás', first('FindingRecorded'), [
    ['Megállapítás', 'finding', FINDING_HU],
    ['Indoklás', 'reasoning'],
    ['Rögzítve', 'recordedOn'],
  ]);
  for (const [i, correction] of all('CorrectionRecorded').entries()) {
    section(`Helyesbítés ${i + 1}.`, correction, [['Terület', 'area'], ['Leírás', 'description'], ['Összeg (Ft)', 'amount']]);
  }
  section('Válasz', first('ReplySent'), [
    ['Elküldve', 'sentAt'],
    ['Módja', 'channel', CHANNEL_HU],
    ['Megállapítás', 'finding', FINDING_HU],
    ['Összefoglalás', 'summary'],
    ['Indoklás', 'reasons'],
    // R-LAW-07: a rejection names the consumer-protection authority and the conciliation board.
    ['Fogyasztóvédelmi hatóság', 'redress.consumerProtectionAuthority', body],
    ['Békéltető testület', 'redress.conciliationBoard', body],
    ['Jegyzőkönyv másolata mellékelve', 'recordCopyEnclosed'],
    ['Határidőn túl', 'late'],
  ]);
  section('Lezárás', first('ComplaintClosed'), [
    ['Eredmény', 'outcome', OUTCOME_HU],
    ['Lezárás módja', 'closure', CLOSURE_HU],
    ['Lezárva', 'closedOn'],
    ['Indok', 'reason'],
    ['Megőrzés vége (panasz, jegyzőkönyv)', 'retainUntil.complaint_record'],
    ['Megőrzés vége (válasz)', 'retainUntil.complaint_reply'],
  ]);

  const history = events.map((e) => [e.streamVersion, e.recordedAt, `${EVENT_HU[e.type] ?? e.type} (${e.type})`, actorOf(e), show(childOf(e.metadata, 'channel')), e.hash, details(e, revealed)] as const);
  const title = `Ügyirat-kivonat: ${manifest.scope.kind === 'case_file' ? manifest.scope.caseStreamId : manifest.extractId}`;
  const html = htmlDocument(title, [
    { heading: 'A kivonat adatai', facts: extractFacts(manifest) },
    ...sections,
    { heading: 'Ügytörténet', table: { header: ['Sorszám', 'Időpont (UTC)', 'Esemény', 'Végrehajtó', 'Csatorna', 'Hash (SHA-256)', 'Részletek'], rows: history } } satisfies HtmlSection,
  ]);
  const rows: (string | number)[][] = [
    ...extractFacts(manifest).map(([label, value]) => ['A kivonat adatai', '', '', label, value]),
    ...sections.flatMap((s) => s.facts.map(([label, value]) => [s.heading, '', '', label, value])),
    ...history.map(([version, at, event, actor, channel, hash, detail]) => ['Ügytörténet', version, at, event, `Végrehajtó: ${actor}; Csatorna: ${channel}; Hash: ${hash}; Részletek: ${detail}`]),
  ];
  return { html, csv: csvDocument(['Szakasz', 'Sorszám', 'Időpont (UTC)', 'Megnevezés', 'Érték'], rows) };
}
