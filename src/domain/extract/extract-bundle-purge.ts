import type { ExtractState } from './extract.state.js';

/** Whether the kept bundles of an extract go when a case's retention ends (R-RET-03), and what is on record. */
export type BundlePurgeVerdict =
  | { readonly purge: false; readonly reason: 'no_extract' | 'not_covering' | 'no_personal_data' }
  | {
      readonly purge: true;
      /** The digest `ExtractGenerated` recorded; null when a bundle was built but never recorded. */
      readonly bundleOnRecord: string | null;
      /** The extract's stream already records the purge (a run that stopped halfway). */
      readonly purgeRecorded: boolean;
    };

/**
 * R-RET-03: when the retention of `caseStreamId` ends, every kept bundle of an extract that
 * covers the case and shows its personal data in plaintext is deleted. Statistics and bundles
 * with personal data redacted stay. A bundle on record says what it carries; one built but
 * never recorded carried what the legal basis allowed.
 */
export function bundlePurgeVerdict(state: ExtractState, caseStreamId: string): BundlePurgeVerdict {
  if (state.status === 'none') return { purge: false, reason: 'no_extract' };
  const covers = (state.scope.kind === 'case_file' && state.scope.caseStreamId === caseStreamId) || (state.bundle?.streams.some((s) => s.streamId === caseStreamId) ?? false);
  if (!covers) return { purge: false, reason: 'not_covering' };
  const plaintext = state.bundle ? state.bundle.personalData === 'included' : state.scope.kind === 'case_file' && state.legalBasis.allowsPersonalData;
  if (!plaintext) return { purge: false, reason: 'no_personal_data' };
  return { purge: true, bundleOnRecord: state.bundle?.sha256 ?? null, purgeRecorded: state.bundlePurge !== null };
}
