#!/usr/bin/env node
/**
 * The offline extract verifier: `node dist/src/extract-verifier.js <bundle.tar> [--public-key key.pem]
 * [--known-checkpoint checkpoint.json] [--save-checkpoint checkpoint.json] [--json]`.
 * It needs no database, no network and no configuration: only the bundle and what the reader
 * chooses to trust (the provider's public key, a checkpoint kept from an earlier extract).
 */
import { parseArgs } from 'node:util';
import { EXIT, runExtractVerification } from './infrastructure/extracts/verifier/verify-extract.run.js';

const USAGE = 'usage: extract-verifier <bundle.tar> [--public-key key.pem] [--known-checkpoint checkpoint.json] [--save-checkpoint checkpoint.json] [--json]\n';

function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'public-key': { type: 'string' },
        'known-checkpoint': { type: 'string' },
        'save-checkpoint': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return EXIT.verified;
  }
  const [bundle, ...extra] = parsed.positionals;
  if (!bundle || extra.length > 0) {
    process.stderr.write(USAGE);
    return EXIT.usage;
  }
  return runExtractVerification(
    bundle,
    {
      ...(parsed.values['public-key'] !== undefined ? { publicKey: parsed.values['public-key'] } : {}),
      ...(parsed.values['known-checkpoint'] !== undefined ? { knownCheckpoint: parsed.values['known-checkpoint'] } : {}),
      ...(parsed.values['save-checkpoint'] !== undefined ? { saveCheckpoint: parsed.values['save-checkpoint'] } : {}),
      json: parsed.values.json === true,
    },
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
}

process.exitCode = main(process.argv.slice(2));
