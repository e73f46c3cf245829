import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getMetadataStorage } from 'class-validator';

const HTTP_DIR = join(process.cwd(), 'src/infrastructure/http');

function dtoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dtoFiles(path);
    return entry.name.endsWith('.dto.ts') ? [path] : [];
  });
}

/** Every class a request DTO file exports, with the file it came from. */
async function requestClasses(): Promise<{ file: string; name: string; target: Function }[]> {
  const classes: { file: string; name: string; target: Function }[] = [];
  for (const file of dtoFiles(HTTP_DIR)) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) if (typeof value === 'function') classes.push({ file: relative(process.cwd(), file), name, target: value });
  }
  return classes;
}

describe('request bodies', () => {
  it('a nested object that is not optional must be present: a missing one is a 400 naming it, never a 500 further in', async () => {
    const classes = await requestClasses();
    expect(classes.length).toBeGreaterThan(20);
    const storage = getMetadataStorage();
    const unguarded: string[] = [];
    let nested = 0;
    for (const { file, name, target } of classes) {
      const metadata = storage.getTargetValidationMetadatas(target, '', true, false);
      const byProperty = new Map<string, Set<string>>();
      for (const m of metadata) byProperty.set(m.propertyName, (byProperty.get(m.propertyName) ?? new Set()).add(m.type));
      for (const [property, types] of byProperty) {
        if (!types.has('nestedValidation')) continue;
        nested++;
        if (!types.has('conditionalValidation') && !types.has('isDefined')) unguarded.push(`${file} ${name}.${property}`);
      }
    }
    expect(nested).toBeGreaterThan(5);
    expect(unguarded).toEqual([]);
  });
});
