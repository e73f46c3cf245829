/** One place in event data that a field path points to. */
export interface FieldSlot {
  /** The concrete path, array indexes filled in (`representatives.1.name`). */
  readonly path: string;
  readonly get: () => unknown;
  readonly set: (value: unknown) => void;
}

/** Every place a personal-data path (with `[]` wildcards, `parties[].name`) points to in `data`. */
export function resolvePath(data: Record<string, unknown>, path: string): FieldSlot[] {
  const parts = path.split('.');
  const slots: FieldSlot[] = [];
  const walk = (node: unknown, index: number, concrete: string[]): void => {
    if (node === null || typeof node !== 'object') return;
    const raw = parts[index]!;
    const isArray = raw.endsWith('[]');
    const key = isArray ? raw.slice(0, -2) : raw;
    const container = node as Record<string, unknown>;
    if (!(key in container)) return;
    const last = index === parts.length - 1;
    if (isArray) {
      const list = container[key];
      if (!Array.isArray(list)) return;
      list.forEach((item, i) => {
        const here = [...concrete, key, String(i)];
        if (last) slots.push({ path: here.join('.'), get: () => list[i], set: (v) => (list[i] = v) });
        else walk(item, index + 1, here);
      });
    } else if (last) {
      slots.push({ path: [...concrete, key].join('.'), get: () => container[key], set: (v) => (container[key] = v) });
    } else {
      walk(container[key], index + 1, [...concrete, key]);
    }
  };
  walk(data, 0, []);
  return slots;
}
