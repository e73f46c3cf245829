import type { ProjectionStatus } from '../../application/ports/read-model.port.js';

/** A plain-text table, one projection per row, with parked events and errors below it. */
export function statusTable(statuses: readonly ProjectionStatus[]): string {
  if (statuses.length === 0) return 'No projections registered.';
  const header = ['projection', 'version', 'state', 'position', 'head', 'lag', 'lease', 'healthy'];
  const rows = statuses.map((s) => [
    s.name,
    String(s.version),
    s.rebuild ? `${s.state} ${s.rebuild.processed}/${s.rebuild.total}` : s.state,
    String(s.checkpoint.position),
    String(s.headPosition),
    String(s.lag),
    s.leaseHolder.replace('_', ' '),
    s.healthy ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const lines = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const s of statuses) {
    if (s.parkedEvent) {
      const p = s.parkedEvent;
      lines.push('', `${s.name}: parked at ${p.type} ${p.eventId} (position ${p.globalPosition}) after ${p.attempts} attempt(s) since ${p.parkedAt}`, `  ${p.error}`);
    } else if (s.lastError) {
      lines.push('', `${s.name}: ${s.lastError}`);
    }
  }
  return lines.join('\n');
}
