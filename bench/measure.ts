import { performance } from 'node:perf_hooks';

export interface LoadSpec {
  /** Concurrent workers (writers or readers). */
  readonly workers: number;
  readonly warmupMillis: number;
  readonly measureMillis: number;
  /** One operation of worker `worker`; resolves to the units it did (1 append, n events read). */
  readonly op: (worker: number) => Promise<number>;
}

/**
 * Units per second under continuous load. With one worker the timed window starts when
 * the last warm-up operation ends and stops after the operation that crosses its end, so
 * coarse operations (a whole catch-up pass) are counted exactly. With several workers, all
 * keep running through warm-up and window alike, and only completions inside the window count.
 */
export async function measure(spec: LoadSpec): Promise<number> {
  if (spec.workers === 1) {
    const warmEnd = performance.now() + spec.warmupMillis;
    do await spec.op(0);
    while (performance.now() < warmEnd);
    let units = 0;
    const start = performance.now();
    let now = start;
    do {
      units += await spec.op(0);
      now = performance.now();
    } while (now - start < spec.measureMillis);
    return (units * 1000) / (now - start);
  }
  const start = performance.now();
  const windowStart = start + spec.warmupMillis;
  const windowEnd = windowStart + spec.measureMillis;
  let units = 0;
  await Promise.all(
    Array.from({ length: spec.workers }, async (_, worker) => {
      while (performance.now() < windowEnd) {
        const done = await spec.op(worker);
        const at = performance.now();
        if (at >= windowStart && at < windowEnd) units += done;
      }
    }),
  );
  return (units * 1000) / spec.measureMillis;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `items` rotated left by `by`: run r starts with a different contender, so drift hits each alike. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const n = items.length;
  if (n === 0) return [];
  const k = ((by % n) + n) % n;
  return [...items.slice(k), ...items.slice(0, k)];
}
