import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatVerification, verifyExtractBundle } from './extract-bundle.verifier.js';

export interface VerifyRunOptions {
  /** PEM file of the provider's public key to pin. */
  readonly publicKey?: string;
  /** JSON file of a signed checkpoint kept from an earlier extract. */
  readonly knownCheckpoint?: string;
  /** Where to write the bundle's checkpoint once it verified, to pass as --known-checkpoint next time. */
  readonly saveCheckpoint?: string;
  readonly json?: boolean;
}

/** Exit codes: verified, not verified, bad usage, an input file that cannot be read. */
export const EXIT = { verified: 0, notVerified: 2, usage: 64, noInput: 66 } as const;

function readInput(path: string, what: string, err: (text: string) => void): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    err(`${what}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return null;
  }
}

/**
 * Verifies a bundle file and prints what was verified or what failed; returns the exit code.
 * Shared by the standalone `extract-verifier` and the CLI's `extract verify`.
 */
export function runExtractVerification(bundlePath: string, options: VerifyRunOptions, out: (text: string) => void, err: (text: string) => void): number {
  const archive = readInput(bundlePath, 'archive', err);
  if (!archive) return EXIT.noInput;
  let publicKeyPem: string | undefined;
  if (options.publicKey !== undefined) {
    const pem = readInput(options.publicKey, '--public-key', err);
    if (!pem) return EXIT.noInput;
    publicKeyPem = pem.toString('utf8');
  }
  let knownCheckpoint: unknown;
  if (options.knownCheckpoint !== undefined) {
    const file = readInput(options.knownCheckpoint, '--known-checkpoint', err);
    if (!file) return EXIT.noInput;
    try {
      knownCheckpoint = JSON.parse(file.toString('utf8'));
    } catch (error) {
      err(`--known-checkpoint: ${options.knownCheckpoint} is not valid JSON (${(error as Error).message})\n`);
      return EXIT.usage;
    }
  }
  const verification = verifyExtractBundle(archive, { ...(publicKeyPem !== undefined ? { publicKeyPem } : {}), ...(options.knownCheckpoint !== undefined ? { knownCheckpoint } : {}) });
  out(options.json ? `${JSON.stringify({ ok: verification.ok, checks: verification.checks, failures: verification.failures }, null, 2)}\n` : formatVerification(verification, basename(bundlePath)));
  if (verification.ok && options.saveCheckpoint && verification.manifest) {
    writeFileSync(options.saveCheckpoint, `${JSON.stringify(verification.manifest.checkpoint, null, 2)}\n`);
    if (!options.json) out(`Checkpoint of size ${verification.manifest.checkpoint.treeSize} saved to ${options.saveCheckpoint}: pass it as --known-checkpoint to check the next extract.\n`);
  }
  return verification.ok ? EXIT.verified : EXIT.notVerified;
}
