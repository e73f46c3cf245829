import type { ExtractManifest } from '../bundle/extract-bundle.format.js';
import { BODY_KIND_HU, hu, LEGAL_BASIS_HU } from './summary-labels.hu.js';

/** What a summary is rendered from: the manifest before its file list exists. */
export type ManifestHeader = Omit<ExtractManifest, 'files'>;

/** The facts every summary opens with: what the extract is, for whom, on what basis, sealed under what. */
export function extractFacts(manifest: ManifestHeader): [string, string][] {
  const scope = manifest.scope;
  return [
    ['Kivonat azonosítója', manifest.extractId],
    ['Kivonat fajtája', scope.kind === 'case_file' ? 'egy ügy iratanyaga' : 'panaszstatisztika'],
    [scope.kind === 'case_file' ? 'Ügy' : 'Időszak', scope.kind === 'case_file' ? scope.caseStreamId : `${scope.from} – ${scope.to}`],
    ['Címzett', `${manifest.addressee.name} (${hu(BODY_KIND_HU, manifest.addressee.kind)})`],
    ['Címzett címe', manifest.addressee.address],
    ['Jogalap', hu(LEGAL_BASIS_HU, manifest.legalBasis.kind)],
    ['Jogalap hivatkozása', manifest.legalBasis.reference],
    ['Személyes adatok', manifest.personalData === 'included' ? 'szerepelnek (a jogalap megengedi)' : 'kitakarva (a jogalap nem teszi lehetővé)'],
    ['Létrehozva', manifest.createdAt],
    ['Események száma', String(manifest.eventCount)],
    ['Ellenőrzőpont: a napló mérete', String(manifest.checkpoint.treeSize)],
    ['Ellenőrzőpont: gyökér-hash (SHA-256)', manifest.checkpoint.rootHash],
    ['Ellenőrzőpont aláírva', manifest.checkpoint.signedAt],
    ['Aláíró kulcs azonosítója', manifest.signingKeyId],
  ];
}
