import { createHash, verify, type KeyObject } from 'node:crypto';
import { isLocalDate, type LocalDate } from '../../../domain/calendar/local-date.js';
import { complaintFigures, complaintReceivedOn, figureDifferences, type ComplaintFigures } from '../../../domain/extract/complaint-statistics.js';
import { canonicalEventJson, chainHash, GENESIS_HASH } from '../../crypto/canonical-event.js';
import { hashLeaf } from '../../crypto/merkle/merkle-hash.js';
import { verifyConsistency, verifyInclusion } from '../../crypto/merkle/merkle-proof.verifier.js';
import { checkpointSignatureProblem, keyIdOf, publicKeyFromPem, type SignedCheckpoint } from '../../sealing/signed-checkpoint.js';
import { BUNDLE_FILES, type BundleEvent, type ConsistencyFile, type ExtractManifest, type ManifestSignature, type ProofsFile, type SealedLeafProof } from '../bundle/extract-bundle.format.js';
import { ArchiveError, readArchive } from '../bundle/tar-archive.js';
import { renderCaseFileSummary } from '../summary/case-file.summary.js';
import { renderStatisticsSummary } from '../summary/statistics.summary.js';
import { checkpointProblem, consistencyProblem, eventProblem, manifestProblem, parseJson, proofsProblem, signatureFileProblem } from './bundle-json.js';

/** One thing the verifier checked: the part of the bundle, and what was verified or what failed. */
export interface VerificationCheck {
  readonly part: string;
  readonly ok: boolean;
  readonly message: string;
}

export interface BundleVerification {
  readonly ok: boolean;
  readonly checks: readonly VerificationCheck[];
  /** `part: message` of every failed check, in the order they were found. */
  readonly failures: readonly string[];
  /** The manifest as read (verified only if `ok`). */
  readonly manifest: ExtractManifest | null;
}

export interface VerifyOptions {
  /** The provider's public key the reader trusts (PEM); without it the bundle's own key is used. */
  readonly publicKeyPem?: string;
  /** A signed checkpoint the reader kept from an earlier extract (parsed JSON). */
  readonly knownCheckpoint?: unknown;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const short = (hex: string) => `${hex.slice(0, 16)}…`;
const hex = (value: string) => Buffer.from(value, 'hex');

function ed25519Key(pem: string): KeyObject {
  const key = publicKeyFromPem(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`it is a ${String(key.asymmetricKeyType)} key, not Ed25519`);
  return key;
}

/** Ranges of consecutive numbers, for messages: `3 to 5, 9`. */
function ranges(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    parts.push(i === j ? `${values[i]}` : `${values[i]} to ${values[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Verifies an extract bundle with nothing but the bundle (and, if given, the reader's pinned
 * key and a checkpoint kept earlier): no database, no network. Every check is reported; a
 * failure names the part that failed.
 */
export function verifyExtractBundle(archive: Buffer, options: VerifyOptions = {}): BundleVerification {
  const checks: VerificationCheck[] = [];
  const pass = (part: string, message: string) => void checks.push({ part, ok: true, message });
  const fail = (part: string, message: string) => void checks.push({ part, ok: false, message });
  const result = (manifest: ExtractManifest | null): BundleVerification => {
    const failures = checks.filter((c) => !c.ok).map((c) => `${c.part}: ${c.message}`);
    return { ok: failures.length === 0, checks, failures, manifest };
  };

  // The archive: strict, so a changed byte in a header, padding or the end marker is caught here.
  let files: Map<string, Buffer>;
  try {
    files = new Map(readArchive(archive).map((e) => [e.name, e.content]));
  } catch (error) {
    fail('archive', error instanceof ArchiveError ? error.message : `cannot be read (${(error as Error).message})`);
    return result(null);
  }
  pass('archive', `${files.size} files read, headers, padding and end marker intact: ${[...files.keys()].join(', ')}`);
  for (const required of [BUNDLE_FILES.manifest, BUNDLE_FILES.signature, BUNDLE_FILES.publicKey]) {
    if (!files.has(required)) fail('archive', `${required} is missing`);
  }
  const manifestBytes = files.get(BUNDLE_FILES.manifest);
  const signatureBytes = files.get(BUNDLE_FILES.signature);
  if (!manifestBytes || !signatureBytes || !files.has(BUNDLE_FILES.publicKey)) return result(null);

  // What manifest.json claims, before its signature is known: used to tell which file is damaged.
  const parsedManifest = parseJson(manifestBytes);
  const claimed = 'value' in parsedManifest && manifestProblem(parsedManifest.value) === null ? (parsedManifest.value as ExtractManifest) : null;
  const claimedDigest = (name: string) => claimed?.files.find((f) => f.name === name)?.sha256;

  // Keys: the pinned one if given, else the bundle's own public-key.pem.
  let pinned: KeyObject | null = null;
  if (options.publicKeyPem !== undefined) {
    try {
      pinned = ed25519Key(options.publicKeyPem);
    } catch (error) {
      fail('--public-key', `not an Ed25519 public key (${(error as Error).message})`);
      return result(claimed);
    }
  }
  const pemBytes = files.get(BUNDLE_FILES.publicKey)!;
  let bundleKey: KeyObject | null = null;
  try {
    bundleKey = ed25519Key(pemBytes.toString('utf8'));
  } catch (error) {
    fail('public-key.pem', `not an Ed25519 public key (${(error as Error).message})`);
  }
  const pemDamaged = claimedDigest(BUNDLE_FILES.publicKey) !== undefined && claimedDigest(BUNDLE_FILES.publicKey) !== sha256(pemBytes);
  if (pinned) {
    if (bundleKey && keyIdOf(bundleKey) !== keyIdOf(pinned)) fail('public-key.pem', `holds key ${keyIdOf(bundleKey)}, not the pinned key ${keyIdOf(pinned)}`);
    else if (bundleKey) pass('public-key.pem', `is the pinned key ${keyIdOf(pinned)}`);
  } else if (bundleKey) {
    pass('public-key.pem', `key ${keyIdOf(bundleKey)} taken from the bundle (pin the provider's key with --public-key to know who signed)`);
  }
  const trusted = pinned ?? bundleKey;

  // The detached signature over the manifest's exact bytes.
  const parsedSignature = parseJson(signatureBytes);
  const signature = 'value' in parsedSignature && signatureFileProblem(parsedSignature.value) === null ? (parsedSignature.value as ManifestSignature) : null;
  if (!signature) {
    fail('manifest.sig', 'value' in parsedSignature ? signatureFileProblem(parsedSignature.value)! : parsedSignature.problem);
  } else if (trusted) {
    const manifestDigest = sha256(manifestBytes);
    if (signature.keyId !== keyIdOf(trusted)) {
      if (!pinned && pemDamaged) fail('public-key.pem', 'SHA-256 does not match the manifest: it is not the key the manifest was signed with');
      else if (pinned) fail('manifest.sig', `signed with key ${signature.keyId}, not the pinned key ${keyIdOf(pinned)}`);
      else fail('manifest.sig', `names key ${signature.keyId}, but public-key.pem holds key ${keyIdOf(trusted)}`);
    } else if (verify(null, manifestBytes, trusted, Buffer.from(signature.signature, 'base64'))) {
      if (signature.manifestSha256 !== manifestDigest) fail('manifest.sig', 'its manifest digest does not match manifest.json, which the signature covers');
      else pass('manifest.json', `signature verifies: Ed25519 by key ${signature.keyId} over all ${manifestBytes.length} bytes (SHA-256 ${short(manifestDigest)})`);
    } else if (signature.manifestSha256 === manifestDigest) {
      fail('manifest.sig', 'signature does not verify over manifest.json');
    } else {
      fail('manifest.json', 'signature does not verify: the manifest is not the one that was signed');
    }
  } else if (!pemDamaged) {
    fail('manifest.json', 'signature not checked: no usable public key');
  }

  if (!('value' in parsedManifest)) {
    fail('manifest.json', parsedManifest.problem);
    return result(null);
  }
  if (!claimed) {
    fail('manifest.json', manifestProblem(parsedManifest.value)!);
    return result(null);
  }
  const manifest = claimed;
  if (signature && manifest.signingKeyId !== signature.keyId) fail('manifest.json', `names signing key ${manifest.signingKeyId}, manifest.sig key ${signature.keyId}`);

  // Every file against the digest and size the signed manifest lists.
  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  const required: string[] = [BUNDLE_FILES.publicKey, BUNDLE_FILES.events, BUNDLE_FILES.proofs, BUNDLE_FILES.summaryHtml, BUNDLE_FILES.summaryCsv];
  if (manifest.knownCheckpoint) required.push(BUNDLE_FILES.consistency);
  let filesOk = true;
  for (const name of required) {
    if (!listed.has(name)) {
      filesOk = false;
      fail('manifest.json', `does not list ${name}`);
    }
  }
  for (const [name, entry] of listed) {
    const content = files.get(name);
    if (!content) {
      filesOk = false;
      fail(name, 'listed in the manifest but missing from the archive');
    } else if (content.length !== entry.size || sha256(content) !== entry.sha256) {
      filesOk = false;
      fail(name, `SHA-256 does not match the manifest (listed ${short(entry.sha256)}, ${entry.size} bytes; found ${short(sha256(content))}, ${content.length} bytes)`);
    }
  }
  for (const name of files.keys()) {
    if (name !== BUNDLE_FILES.manifest && name !== BUNDLE_FILES.signature && !listed.has(name)) {
      filesOk = false;
      fail(name, 'in the archive but not listed in the manifest');
    }
  }
  if (filesOk) pass('files', `${listed.size} files match the SHA-256 and size listed in the manifest: ${[...listed.keys()].join(', ')}`);

  // The checkpoint the bundle is sealed under.
  const checkpoint = manifest.checkpoint;
  if (!trusted) fail('checkpoint', 'signature not checked: no usable public key');
  else {
    const problem = checkpointSignatureProblem(checkpoint, trusted);
    if (problem) fail('checkpoint', problem);
    else pass('checkpoint', `tree size ${checkpoint.treeSize}, root ${short(checkpoint.rootHash)}, signed at ${checkpoint.signedAt} by key ${checkpoint.keyId}: the signature verifies`);
  }

  const events = readEvents(files.get(BUNDLE_FILES.events), fail);
  if (events) verifyEvents(manifest, events, pass, fail);
  if (events) verifyProofs(manifest, events, files.get(BUNDLE_FILES.proofs), pass, fail);
  verifyConsistencyProofs(manifest, files.get(BUNDLE_FILES.consistency), options.knownCheckpoint, trusted, pass, fail);
  if (events) verifySummary(manifest, events, files, pass, fail);
  return result(manifest);
}

type Report = (part: string, message: string) => void;

function readEvents(bytes: Buffer | undefined, fail: Report): BundleEvent[] | null {
  if (!bytes) return null;
  const lines = bytes.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const events: BundleEvent[] = [];
  for (const [i, line] of lines.entries()) {
    const parsed = parseJson(Buffer.from(line, 'utf8'));
    if (!('value' in parsed)) {
      fail('events.jsonl', `line ${i + 1} is ${parsed.problem}`);
      return null;
    }
    const problem = eventProblem(parsed.value);
    if (problem) {
      fail('events.jsonl', `line ${i + 1} ${problem}`);
      return null;
    }
    events.push(parsed.value as BundleEvent);
  }
  return events;
}

/** Events grouped by stream, in the order they appear. */
export function byStream<T extends { readonly streamId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.streamId);
    if (group) group.push(item);
    else groups.set(item.streamId, [item]);
  }
  return groups;
}

const eventName = (e: { streamVersion: number; streamId: string }) => `event ${e.streamVersion} of stream ${e.streamId}`;

/** Each hash recomputed from the stored form; each stream a complete chain from version 1. */
function verifyEvents(manifest: ExtractManifest, events: readonly BundleEvent[], pass: Report, fail: Report): void {
  let hashesOk = true;
  for (const e of events) {
    const canonical = canonicalEventJson({ data: e.data, eventId: e.eventId, metadata: e.metadata, recordedAt: e.recordedAt, schemaVersion: e.schemaVersion, streamId: e.streamId, streamVersion: e.streamVersion, type: e.type });
    if (chainHash(e.prevHash, canonical) !== e.hash) {
      hashesOk = false;
      fail('events.jsonl', `${eventName(e)}: hash does not match its content`);
    }
  }
  if (hashesOk) pass('events.jsonl', `${events.length} events: every hash recomputed from the event's canonical form (RFC 8785, as stored) matches`);

  const streams = byStream(events);
  let chainsOk = true;
  const described: string[] = [];
  for (const [streamId, stream] of streams) {
    let previous: BundleEvent | null = null;
    for (const e of stream) {
      const expected = (previous?.streamVersion ?? 0) + 1;
      if (e.streamVersion !== expected) {
        chainsOk = false;
        if (previous === null) fail('events.jsonl', `stream ${streamId}: starts at version ${e.streamVersion}, not 1`);
        else if (e.streamVersion <= previous.streamVersion) fail('events.jsonl', `stream ${streamId}: version ${e.streamVersion} comes after version ${previous.streamVersion}`);
        else fail('events.jsonl', `stream ${streamId}: event ${expected} is missing (version ${previous.streamVersion} is followed by version ${e.streamVersion})`);
        break;
      }
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (e.prevHash !== expectedPrev) {
        chainsOk = false;
        fail('events.jsonl', previous ? `${eventName(e)}: previous hash does not match the hash of event ${previous.streamVersion}` : `${eventName(e)}: previous hash is not the genesis hash`);
        break;
      }
      previous = e;
    }
    if (previous) described.push(`${streamId} (versions 1 to ${previous.streamVersion}, head ${short(previous.hash)})`);
  }
  const listed = new Map(manifest.streams.map((s) => [s.streamId, s]));
  for (const [streamId, stream] of streams) {
    const entry = listed.get(streamId);
    const last = stream.at(-1)!;
    if (!entry) {
      chainsOk = false;
      fail('events.jsonl', `stream ${streamId} is not listed in the manifest`);
    } else if (entry.events !== stream.length || entry.lastVersion !== last.streamVersion || entry.headHash !== last.hash) {
      chainsOk = false;
      fail('events.jsonl', `stream ${streamId} holds ${stream.length} events up to version ${last.streamVersion}; the manifest lists ${entry.events} up to version ${entry.lastVersion}`);
    }
  }
  for (const streamId of listed.keys()) {
    if (!streams.has(streamId)) {
      chainsOk = false;
      fail('events.jsonl', `stream ${streamId}, listed in the manifest, has no events in the bundle`);
    }
  }
  if (manifest.eventCount !== events.length) {
    chainsOk = false;
    fail('events.jsonl', `holds ${events.length} events; the manifest says ${manifest.eventCount}`);
  }
  const scope = manifest.scope;
  for (const [streamId, stream] of streams) {
    if (scope.kind === 'case_file' && streamId !== scope.caseStreamId) {
      chainsOk = false;
      fail('events.jsonl', `holds events of stream ${streamId}, outside the extract's case ${scope.caseStreamId}`);
    }
    if (scope.kind === 'statistics') {
      const receivedOn = complaintReceivedOn(stream);
      if (receivedOn === null || receivedOn < scope.from || receivedOn > scope.to) {
        chainsOk = false;
        fail('events.jsonl', `stream ${streamId} is not a complaint received between ${scope.from} and ${scope.to}`);
      }
    }
  }
  if (chainsOk) pass('events.jsonl', `${streams.size} stream${streams.size === 1 ? '' : 's'}, each hash chain complete from version 1 and as the manifest lists: ${described.join('; ')}`);
}

/** Every event included in the signed log, and every event the seal holds for the included streams present. */
function verifyProofs(manifest: ExtractManifest, events: readonly BundleEvent[], bytes: Buffer | undefined, pass: Report, fail: Report): void {
  if (!bytes) return;
  const parsed = parseJson(bytes);
  if (!('value' in parsed)) return fail('proofs.json', parsed.problem);
  const shape = proofsProblem(parsed.value);
  if (shape) return fail('proofs.json', shape);
  const proofs = parsed.value as ProofsFile;
  const checkpoint = manifest.checkpoint;
  if (proofs.treeSize !== checkpoint.treeSize || proofs.rootHash !== checkpoint.rootHash) {
    return fail('proofs.json', `proves against a tree of size ${proofs.treeSize} with root ${short(proofs.rootHash)}, not the checkpoint (size ${checkpoint.treeSize}, root ${short(checkpoint.rootHash)})`);
  }
  const root = hex(checkpoint.rootHash);
  const byEvent = new Map<string, SealedLeafProof>();
  for (const leaf of proofs.leaves) byEvent.set(leaf.eventId, leaf);
  const included = (leafIndex: number, eventHash: string, proof: readonly string[]) =>
    verifyInclusion({ leafIndex, treeSize: checkpoint.treeSize, leafHash: hashLeaf(hex(eventHash)), proof: proof.map(hex), root });
  let ok = true;
  const matched = new Set<string>();
  for (const e of events) {
    const leaf = byEvent.get(e.eventId);
    if (!leaf) {
      ok = false;
      fail('proofs.json', `no inclusion proof for ${eventName(e)}: it is not sealed under the checkpoint`);
      continue;
    }
    matched.add(e.eventId);
    if (leaf.streamId !== e.streamId || leaf.streamVersion !== e.streamVersion) {
      ok = false;
      fail('events.jsonl', `${eventName(e)} was sealed as event ${leaf.streamVersion} of stream ${leaf.streamId} (leaf ${leaf.leafIndex}): events were moved or reordered`);
    }
    if (e.leafIndex !== leaf.leafIndex) {
      ok = false;
      fail('events.jsonl', `${eventName(e)} names leaf ${String(e.leafIndex)}; its proof is for leaf ${leaf.leafIndex}`);
    }
    const verdict = included(leaf.leafIndex, e.hash, leaf.proof);
    if (!verdict.ok) {
      ok = false;
      fail('proofs.json', `${eventName(e)} (leaf ${leaf.leafIndex}): inclusion proof does not lead to the checkpoint root (${verdict.reason}): the event is not the one that was sealed`);
    }
  }
  const bundled = new Set(events.map((e) => e.streamId));
  const missing: SealedLeafProof[] = [];
  for (const leaf of proofs.leaves) {
    if (matched.has(leaf.eventId)) continue;
    if (!bundled.has(leaf.streamId)) {
      ok = false;
      fail('proofs.json', `leaf ${leaf.leafIndex} belongs to stream ${leaf.streamId}, which the bundle does not include`);
      continue;
    }
    const verdict = included(leaf.leafIndex, leaf.eventHash, leaf.proof);
    if (!verdict.ok) {
      ok = false;
      fail('proofs.json', `leaf ${leaf.leafIndex} (event ${leaf.streamVersion} of stream ${leaf.streamId}): inclusion proof does not lead to the checkpoint root (${verdict.reason})`);
      continue;
    }
    missing.push(leaf);
  }
  for (const [streamId, leaves] of byStream(missing)) {
    ok = false;
    const versions = ranges(leaves.map((l) => l.streamVersion).sort((a, b) => a - b));
    const indexes = ranges(leaves.map((l) => l.leafIndex).sort((a, b) => a - b));
    fail('events.jsonl', `stream ${streamId}: event${leaves.length === 1 ? '' : 's'} ${versions} (${leaves.length === 1 ? 'leaf' : 'leaves'} ${indexes}), sealed under the checkpoint, ${leaves.length === 1 ? 'is' : 'are'} missing from the bundle: the store lost ${leaves.length === 1 ? 'it' : 'them'} after sealing`);
  }
  if (ok) pass('proofs.json', `${events.length} inclusion proofs lead to the checkpoint root (tree size ${checkpoint.treeSize}); every event the seal holds for the included streams is in the bundle`);
}

/** The log only grew: from the checkpoint the body held (carried in the bundle, or kept by the reader) to the bundle's. */
function verifyConsistencyProofs(manifest: ExtractManifest, bytes: Buffer | undefined, kept: unknown, key: KeyObject | null, pass: Report, fail: Report): void {
  const checkpoint = manifest.checkpoint;
  let carried: ConsistencyFile | null = null;
  if (bytes) {
    const parsed = parseJson(bytes);
    const shape = 'value' in parsed ? consistencyProblem(parsed.value) : parsed.problem;
    if (shape) return fail('consistency.json', shape);
    carried = (parsed as { value: ConsistencyFile }).value;
    if (carried.to.treeSize !== checkpoint.treeSize || carried.to.rootHash !== checkpoint.rootHash) return fail('consistency.json', `proves growth to a tree of size ${carried.to.treeSize}, not to the bundle's checkpoint (size ${checkpoint.treeSize})`);
  }
  const prove = (from: SignedCheckpoint, proof: readonly string[]) =>
    verifyConsistency({ size1: from.treeSize, size2: checkpoint.treeSize, root1: hex(from.rootHash), root2: hex(checkpoint.rootHash), proof: proof.map(hex) });
  let checked = 0;
  for (const entry of carried?.proofs ?? []) {
    const problem = key ? checkpointSignatureProblem(entry.from, key) : 'its signature cannot be checked without a usable public key';
    if (problem) {
      fail('consistency.json', `the earlier checkpoint of size ${entry.from.treeSize}: ${problem}`);
      continue;
    }
    const verdict = prove(entry.from, entry.proof);
    if (!verdict.ok) fail('consistency.json', `the checkpoint of size ${entry.from.treeSize} does not grow into the bundle's checkpoint of size ${checkpoint.treeSize} (${verdict.reason})`);
    else {
      checked++;
      pass('consistency.json', `the checkpoint of size ${entry.from.treeSize} (root ${short(entry.from.rootHash)}) the body held grows into the bundle's checkpoint of size ${checkpoint.treeSize}: the log only grew`);
    }
  }
  if (manifest.knownCheckpoint && !carried?.proofs.some((p) => p.from.treeSize === manifest.knownCheckpoint!.treeSize && p.from.rootHash === manifest.knownCheckpoint!.rootHash)) {
    fail('consistency.json', `carries no proof from the checkpoint of size ${manifest.knownCheckpoint.treeSize} the manifest names`);
  }
  if (kept === undefined) {
    if (checked === 0) pass('consistency', 'no earlier checkpoint was given: pass --known-checkpoint with one kept from an earlier extract to check that the log only grew since');
    return;
  }
  const shape = checkpointProblem(kept);
  if (shape) return fail('--known-checkpoint', shape);
  const known = kept as SignedCheckpoint;
  const problem = key ? checkpointSignatureProblem(known, key) : 'no usable public key to check its signature';
  if (problem) return fail('--known-checkpoint', problem);
  if (known.treeSize > checkpoint.treeSize) return fail('consistency.json', `the kept checkpoint (size ${known.treeSize}) is newer than the bundle's (size ${checkpoint.treeSize}): the bundle cannot show it extends it`);
  if (known.treeSize === checkpoint.treeSize) {
    if (known.rootHash !== checkpoint.rootHash) return fail('consistency.json', `the kept checkpoint of size ${known.treeSize} has root ${short(known.rootHash)}, the bundle's checkpoint of the same size ${short(checkpoint.rootHash)}: the log was rewritten`);
    return pass('consistency', `the kept checkpoint is the bundle's checkpoint (size ${known.treeSize}, same root)`);
  }
  const entry = carried?.proofs.find((p) => p.from.treeSize === known.treeSize);
  if (!entry) return fail('consistency.json', `carries no proof from the kept checkpoint of size ${known.treeSize}; ask for an extract with knownCheckpointSize ${known.treeSize}`);
  if (entry.from.rootHash !== known.rootHash) return fail('consistency.json', `the bundle's checkpoint of size ${known.treeSize} has root ${short(entry.from.rootHash)}, the kept one ${short(known.rootHash)}: the log was rewritten`);
  const verdict = prove(known, entry.proof);
  if (!verdict.ok) return fail('consistency.json', `the kept checkpoint of size ${known.treeSize} does not grow into the bundle's checkpoint (${verdict.reason})`);
  pass('consistency', `the checkpoint you kept (size ${known.treeSize}, signed at ${known.signedAt}) grows into the bundle's checkpoint of size ${checkpoint.treeSize}: the log only grew`);
}

/** Statistics recomputed from the events; a summary with nothing decrypted rendered again and compared byte for byte. */
function verifySummary(manifest: ExtractManifest, events: readonly BundleEvent[], files: ReadonlyMap<string, Buffer>, pass: Report, fail: Report): void {
  const compare = (rendered: { html: string; csv: string }, what: string): boolean => {
    let same = true;
    for (const [name, text] of [[BUNDLE_FILES.summaryCsv, rendered.csv], [BUNDLE_FILES.summaryHtml, rendered.html]] as const) {
      const content = files.get(name);
      if (content && !content.equals(Buffer.from(text, 'utf8'))) {
        same = false;
        fail(name, `differs from the summary rendered from ${what}`);
      }
    }
    return same;
  };
  if (manifest.kind === 'statistics') {
    const stats = manifest.statistics!;
    if (!isLocalDate(stats.asOf)) return fail('manifest.json', `statistics.asOf ${stats.asOf} is not a date`);
    const streams = byStream(events);
    const recomputed: ComplaintFigures = complaintFigures(streams.values(), stats.asOf as LocalDate);
    const differences = figureDifferences(stats.figures, recomputed);
    if (differences.length > 0) fail('statistics', `the figures in manifest.json differ from those recomputed from events.jsonl: ${differences.join('; ')}`);
    const same = compare(renderStatisticsSummary(manifest, { from: stats.from, to: stats.to, asOf: stats.asOf, figures: recomputed }), 'the figures recomputed from the events');
    if (differences.length === 0 && same) pass('statistics', `the figures of ${recomputed.complaints} complaint${recomputed.complaints === 1 ? '' : 's'} recomputed from ${events.length} events match manifest.json, summary.csv and summary.html`);
    return;
  }
  if (manifest.personalData === 'redacted') {
    if (compare(renderCaseFileSummary(manifest, events), 'the events (personal data redacted)')) pass('summary', 'summary.html and summary.csv are exactly what the events give, with personal data redacted');
    return;
  }
  pass('summary', 'summary.html and summary.csv show personal data the provider decrypted under the legal basis; the events carry them as ciphertext, so they are not rendered again here');
}

/** The report as printed by the verifier: one line per check, then the verdict. */
export function formatVerification(verification: BundleVerification, bundleName: string): string {
  const lines = [`Extract bundle ${bundleName}`];
  const m = verification.manifest;
  if (m) lines.push(`  extract ${m.extractId} (${m.kind}) for ${m.addressee.name} [${m.addressee.id}], created ${m.createdAt}`);
  for (const check of verification.checks) lines.push(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.part}: ${check.message}`);
  lines.push(
    verification.ok
      ? 'VERIFIED: the bundle is intact, signed by the key shown, and every event is in the signed log.'
      : `NOT VERIFIED: ${verification.failures.length} check${verification.failures.length === 1 ? '' : 's'} failed; the first: ${verification.failures[0]}`,
  );
  return `${lines.join('\n')}\n`;
}
