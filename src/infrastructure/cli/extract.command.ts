import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { runExtractVerification, type VerifyRunOptions } from '../extracts/verifier/verify-extract.run.js';

/** `extract verify <bundle>`: the offline verifier (the same code as `extract-verifier`), needing no database. */
@SubCommand({ name: 'verify', arguments: '<bundle>', description: 'Verify an extract bundle offline: signature, file digests, checkpoint, hash chains, inclusion and consistency proofs, statistics' })
export class VerifyExtractCommand extends CommandRunner {
  async run([bundle]: string[], options: { publicKey?: string; knownCheckpoint?: string; saveCheckpoint?: string; json?: boolean }): Promise<void> {
    const run: VerifyRunOptions = {
      ...(options.publicKey !== undefined ? { publicKey: options.publicKey } : {}),
      ...(options.knownCheckpoint !== undefined ? { knownCheckpoint: options.knownCheckpoint } : {}),
      ...(options.saveCheckpoint !== undefined ? { saveCheckpoint: options.saveCheckpoint } : {}),
      json: options.json === true,
    };
    process.exitCode = runExtractVerification(bundle!, run, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
  }

  @Option({ flags: '--public-key <file>', description: "PEM of the provider's public key to pin" })
  parsePublicKey(value: string): string {
    return value;
  }

  @Option({ flags: '--known-checkpoint <file>', description: 'a signed checkpoint (JSON) kept from an earlier extract' })
  parseKnownCheckpoint(value: string): string {
    return value;
  }

  @Option({ flags: '--save-checkpoint <file>', description: "write the bundle's checkpoint here once it verified" })
  parseSaveCheckpoint(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the checks as JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({ name: 'extract', description: 'Extracts for external bodies', subCommands: [VerifyExtractCommand] })
export class ExtractCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
