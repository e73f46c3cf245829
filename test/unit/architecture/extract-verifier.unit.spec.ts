import { resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';

/** Every module the standalone verifier loads, its own and the packages it reaches. */
async function modulesOf(entry: string): Promise<string[]> {
  const { output } = await cruise([entry], {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: resolve('tsconfig.json') },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    outputType: 'json',
  });
  const result = (typeof output === 'string' ? JSON.parse(output) : output) as { modules: { source: string }[] };
  return result.modules.map((m) => m.source);
}

/** What an offline verifier must not load: the framework, database drivers, persistence and the application. */
const ONLINE = /@nestjs|nest-commander|node_modules\/pg\/|@electric-sql|node-pg-migrate|src\/infrastructure\/(persistence|http|sealing\/(sealer|seal-reader))|src\/application\//;

describe('the offline extract verifier', () => {
  it('loads no NestJS, no database driver and no persistence code: it runs on the bundle alone', async () => {
    const modules = await modulesOf('src/extract-verifier.ts');
    expect(modules).toContain('src/infrastructure/extracts/verifier/extract-bundle.verifier.ts');
    expect(modules.some((m) => m.includes('node_modules/tar/'))).toBe(true);
    expect(modules.filter((m) => ONLINE.test(m))).toEqual([]);
  }, 60_000);

  it('the check can fail: the CLI, which runs on the database, is caught by it', async () => {
    const modules = await modulesOf('src/cli.ts');
    expect(modules.filter((m) => ONLINE.test(m))).toEqual(expect.arrayContaining([expect.stringContaining('@nestjs'), expect.stringContaining('src/infrastructure/persistence/')]));
  }, 60_000);
});
