import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './infrastructure/cli/cli.module.js';
import { ConfigurationError, loadConfig } from './infrastructure/config/app-config.js';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig();
  await CommandFactory.run(CliModule.forRoot(config, process.argv.slice(2)), {
    logger: ['error', 'warn'],
    // Errors thrown by a command (a bad option value, a failed run) end the process with 1.
    serviceErrorHandler: (error) => {
      console.error(error.message);
      process.exit(1);
    },
    errorHandler: (error) => {
      // commander reports --help and --version as errors with exit code 0.
      const exitCode = (error as { exitCode?: number }).exitCode;
      if (exitCode === 0) process.exit(0);
      console.error(error.message);
      process.exit(exitCode ?? 1);
    },
  });
} catch (error) {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}
