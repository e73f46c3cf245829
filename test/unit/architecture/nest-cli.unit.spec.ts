import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const json = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('nest-cli.json matches the build', () => {
  const cli = json<{ sourceRoot: string; entryFile: string; compilerOptions: { tsConfigPath: string; builder: string; assets: Array<{ include: string; outDir: string }> } }>('nest-cli.json');
  const pkg = json<{ scripts: Record<string, string> }>('package.json');

  it('`nest start` runs the file `npm start` runs, built with the same tsconfig', () => {
    const tsconfig = json<{ extends: string }>(cli.compilerOptions.tsConfigPath);
    const outDir = json<{ compilerOptions: { outDir: string } }>(tsconfig.extends).compilerOptions.outDir;
    // The CLI starts join(outDir, sourceRoot, entryFile).js.
    const started = `${join(outDir, cli.sourceRoot, cli.entryFile)}.js`;
    expect(pkg.scripts.start).toContain(`node ${started}`);
    expect(pkg.scripts.build).toContain(`tsc -p ${cli.compilerOptions.tsConfigPath}`);
    expect(cli.compilerOptions.builder).toBe('tsc');
  });

  it('`nest build` copies the SQL migrations where scripts/copy-assets.mjs copies them', () => {
    const copyAssets = readFileSync('scripts/copy-assets.mjs', 'utf8');
    const [asset] = cli.compilerOptions.assets;
    const from = join(cli.sourceRoot, asset!.include.split('/*')[0]!);
    expect(existsSync(from)).toBe(true);
    expect(copyAssets).toContain(`cpSync('${from}', '${join(asset!.outDir, asset!.include.split('/*')[0]!)}'`);
  });
});
