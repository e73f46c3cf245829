import { resolve } from 'node:path';
// @ts-expect-error -- a plain .mjs script without type declarations
import { checkLayers } from '../../../scripts/check-layers.mjs';

type Violation = { rule: string; from: string; to: string };
const check = checkLayers as (baseDir: string) => Promise<Violation[]>;

describe('layering check', () => {
  it('finds no violation in the product', async () => {
    await expect(check(process.cwd())).resolves.toEqual([]);
  }, 60_000);

  it('fails when src/domain imports an adapter or a node module, and for each other layer rule', async () => {
    const violations = await check(resolve('test/fixtures/layering'));
    const found = violations.map((v) => `${v.rule}: ${v.from} -> ${v.to}`).sort();
    expect(found).toEqual([
      'application-not-on-adapters: src/application/leaky.ts -> src/infrastructure/adapter.ts',
      'domain-is-pure: src/domain/leaky.ts -> crypto',
      'domain-is-pure: src/domain/leaky.ts -> src/infrastructure/adapter.ts',
      'projections-not-on-adapters: src/projections/leaky.ts -> src/infrastructure/adapter.ts',
    ]);
  }, 60_000);
});
