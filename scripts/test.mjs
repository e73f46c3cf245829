#!/usr/bin/env node
// `npm test`: every jest project (unit, contract, e2e, reliability); the layering check
// runs inside the unit project. Jest loads NestJS 12 and PGlite as ES modules, which
// needs the VM-modules flag on Node 20.
import { spawnSync } from 'node:child_process';

const result = spawnSync('node', ['node_modules/jest/bin/jest.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
  },
});
process.exit(result.status ?? 1);
