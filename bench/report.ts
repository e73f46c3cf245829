import { writeFileSync } from 'node:fs';

export type Baseline = 'raw' | 'emmett';

export interface FigureResult {
  /** `append.pg.8w.1e`, `read.pglite.all`, ... */
  readonly name: string;
  readonly unit: 'appends/s' | 'events/s';
  readonly ours: number;
  readonly raw: number | undefined;
  /** Undefined where Emmett does not apply; `note` says why. */
  readonly emmett: number | undefined;
  readonly note?: string;
  /** Per-run values, in run order, for the spread line. */
  readonly samples: { readonly ours: readonly number[]; readonly raw: readonly number[]; readonly emmett: readonly number[] };
}

export interface JsonRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: Baseline;
  readonly ratio: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number | undefined) => (b === undefined || !(b > 0) ? undefined : a / b);
const fmtRatio = (r: number | undefined) => (r === undefined ? 'n/a' : `${r.toFixed(2)}x`);

export function renderTable(results: readonly FigureResult[]): string {
  const header = ['figure', 'ours', 'unit', 'raw', 'ours/raw', 'emmett', 'ours/emmett'];
  const rows = results.map((r) => [
    r.name,
    int(r.ours),
    r.unit,
    r.raw === undefined ? 'n/a' : int(r.raw),
    fmtRatio(ratio(r.ours, r.raw)),
    r.emmett === undefined ? 'n/a' : int(r.emmett),
    fmtRatio(ratio(r.ours, r.emmett)),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const right = new Set([1, 3, 4, 5, 6]);
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (right.has(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function renderSpread(results: readonly FigureResult[]): string {
  const list = (values: readonly number[]) => (values.length === 0 ? '-' : values.map(int).join(' / '));
  return results
    .map((r) => `  ${r.name.padEnd(24)} ours ${list(r.samples.ours)}; raw ${list(r.samples.raw)}; emmett ${list(r.samples.emmett)}`)
    .join('\n');
}

export function jsonRows(results: readonly FigureResult[]): JsonRow[] {
  const rows: JsonRow[] = [];
  for (const r of results) {
    for (const baseline of ['raw', 'emmett'] as const) {
      const value = ratio(r.ours, r[baseline]);
      if (value === undefined) continue;
      rows.push({ name: r.name, value: Math.round(r.ours), unit: r.unit, baseline, ratio: Math.round(value * 1000) / 1000 });
    }
  }
  return rows;
}

export function writeJson(file: string, results: readonly FigureResult[]): void {
  writeFileSync(file, `${JSON.stringify(jsonRows(results), null, 2)}\n`);
}

export function ratioOf(result: FigureResult | undefined, baseline: Baseline): number | undefined {
  return result ? ratio(result.ours, result[baseline]) : undefined;
}
