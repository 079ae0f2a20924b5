/** How a recorded AWS outcome is compared with ours (see README.md in this folder). */

const ANY_STRINGS = new Set([
  'date',
  'timestamp',
  'snf_role_arn',
  'map_run_arn',
  'RandomNumberGenerated',
  'generated-uuid',
]);

export function isPlaceholder(v: unknown): boolean {
  return typeof v === 'string' && (ANY_STRINGS.has(v) || /<[^>]*>/.test(v));
}

/** Where two values differ (a path and both sides), or undefined when they match. */
export function difference(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (isPlaceholder(expected)) return undefined;
  if (typeof expected === 'number' || typeof actual === 'number')
    return expected === actual ? undefined : `${path}: expected ${j(expected)}, got ${j(actual)}`;
  if (expected === null || typeof expected !== 'object' || actual === null || typeof actual !== 'object')
    return expected === actual ? undefined : `${path}: expected ${j(expected)}, got ${j(actual)}`;
  if (Array.isArray(expected) !== Array.isArray(actual))
    return `${path}: expected ${j(expected)}, got ${j(actual)}`;
  if (Array.isArray(expected)) {
    const a = actual as unknown[];
    if (a.length !== expected.length)
      return `${path}: expected length ${expected.length}, got ${a.length} (${j(actual)})`;
    for (let i = 0; i < expected.length; i++) {
      const d = difference(expected[i], a[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const ek = Object.keys(e).sort();
  const ak = Object.keys(a).sort();
  if (ek.join('\u0000') !== ak.join('\u0000')) return `${path}: expected keys ${j(ek)}, got ${j(ak)}`;
  for (const k of ek) {
    const d = difference(e[k], a[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

function j(v: unknown): string {
  const s = JSON.stringify(v);
  return s && s.length > 300 ? `${s.slice(0, 300)}…` : String(s);
}

/** Recorded outputs of scalars and arrays are JSON text; ours always is. */
export function parseOutput(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
