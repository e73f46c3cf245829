#!/usr/bin/env node
// The layering check (dependency-cruiser, rules in .dependency-cruiser.mjs), on `src` of
// the repository or of another folder laid out the same way (the test fixture).
import { cruise } from 'dependency-cruiser';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../.dependency-cruiser.mjs';

/** Returns the rule violations found under `<baseDir>/src`. */
export async function checkLayers(baseDir) {
  const cwd = process.cwd();
  process.chdir(baseDir);
  try {
    const { output } = await cruise(['src'], {
      ...config.options,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      tsConfig: { fileName: resolve(baseDir, 'tsconfig.json') },
      outputType: 'json',
    });
    const result = typeof output === 'string' ? JSON.parse(output) : output;
    return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  } finally {
    process.chdir(cwd);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const violations = await checkLayers(root);
  if (violations.length > 0) {
    for (const v of violations) console.error(`layering: ${v.rule}: ${v.from} -> ${v.to}`);
    process.exit(1);
  }
  console.log('layering: no violations');
}
