import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { keyIdOf, privateKeyFromPem } from './signed-checkpoint.js';

export interface SealKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  /** PEM of the public key, for verifiers. */
  readonly publicKeyPem: string;
}

/** The provider's Ed25519 key that signs checkpoints and extracts: from a file, or a development key in DATA_DIR. */
export function loadSealKey(config: AppConfig): SealKey {
  let pem: string;
  if (config.SEAL_PRIVATE_KEY_FILE) {
    pem = readFileSync(config.SEAL_PRIVATE_KEY_FILE, 'utf8');
  } else {
    const file = join(config.DATA_DIR, 'seal-signing-key.pem');
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      mkdirSync(config.DATA_DIR, { recursive: true });
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    pem = readFileSync(file, 'utf8');
  }
  const privateKey = privateKeyFromPem(pem);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
