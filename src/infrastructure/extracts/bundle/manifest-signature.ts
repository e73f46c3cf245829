import { createHash, sign, type KeyObject } from 'node:crypto';
import { SIGNATURE_FORMAT, type ManifestSignature } from './extract-bundle.format.js';

/** The detached signature of a manifest: Ed25519 over its exact bytes, with the key id and the manifest's digest. */
export function signManifest(manifestBytes: Buffer, privateKey: KeyObject, keyId: string): ManifestSignature {
  return {
    format: SIGNATURE_FORMAT,
    algorithm: 'Ed25519',
    keyId,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
    signature: sign(null, manifestBytes, privateKey).toString('base64'),
  };
}
