import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConfigurationError, loadConfig } from './infrastructure/config/app-config.js';
import { createApp } from './infrastructure/http/create-app.js';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig();
  const app = await createApp({ config });
  // SIGTERM/SIGINT: stop taking requests, let projections and the scheduler finish their
  // batch, close the database, and exit 0; a second signal exits at once.
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST}:${config.PORT}`;
  const where = config.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite in ${config.DATA_DIR}/pglite`;
  console.log(`Case management API on ${url}/api/v1 (${where}); documentation on ${url}/api/docs`);
  if (config.AUTH_DEV_KEYS) {
    console.log('Development tokens are signed with the key in DATA_DIR. Get one with:');
    console.log('  npm run -s cli -- token issue --sub clerk-1 --role clerk --unit cso-budapest');
  }
} catch (error) {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}
