/** JSONPath Choice rules: comparison operators, type tests and And/Or/Not, with AWS's type rules. */
import { StatesError } from './errors.ts';
import type { Json } from './json.ts';

export type ValueResolver = (path: string) => { found: true; value: Json } | { found: false };

// AWS accepts RFC 3339 timestamps with an upper-case T and a zone (Z or an offset).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(v: Json): number | undefined {
  if (typeof v !== 'string' || !TIMESTAMP.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

function wildcardMatch(value: string, pattern: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRegex(pattern[i + 1] as string);
      i++;
    } else if (c === '*') re += '.*';
    else re += escapeRegex(c);
  }
  return new RegExp(`${re}$`, 's').test(value);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

type Comparator = (a: Json, b: Json) => boolean;

const cmp = (type: 'string' | 'number', test: (x: number) => boolean): Comparator => {
  return (a, b) => {
    if (typeof a !== type || typeof b !== type) return false;
    if (type === 'string')
      return test((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0);
    return test((a as number) - (b as number));
  };
};

const tsCmp = (test: (x: number) => boolean): Comparator => {
  return (a, b) => {
    const x = parseTimestamp(a);
    const y = parseTimestamp(b);
    return x !== undefined && y !== undefined && test(x - y);
  };
};

const COMPARATORS: Record<string, Comparator> = {
  StringEquals: cmp('string', (x) => x === 0),
  StringLessThan: cmp('string', (x) => x < 0),
  StringGreaterThan: cmp('string', (x) => x > 0),
  StringLessThanEquals: cmp('string', (x) => x <= 0),
  StringGreaterThanEquals: cmp('string', (x) => x >= 0),
  StringMatches: (a, b) => typeof a === 'string' && typeof b === 'string' && wildcardMatch(a, b),
  NumericEquals: cmp('number', (x) => x === 0),
  NumericLessThan: cmp('number', (x) => x < 0),
  NumericGreaterThan: cmp('number', (x) => x > 0),
  NumericLessThanEquals: cmp('number', (x) => x <= 0),
  NumericGreaterThanEquals: cmp('number', (x) => x >= 0),
  BooleanEquals: (a, b) => typeof a === 'boolean' && typeof b === 'boolean' && a === b,
  TimestampEquals: tsCmp((x) => x === 0),
  TimestampLessThan: tsCmp((x) => x < 0),
  TimestampGreaterThan: tsCmp((x) => x > 0),
  TimestampLessThanEquals: tsCmp((x) => x <= 0),
  TimestampGreaterThanEquals: tsCmp((x) => x >= 0),
};

const TYPE_TESTS: Record<string, (v: Json) => boolean> = {
  IsNull: (v) => v === null,
  IsString: (v) => typeof v === 'string',
  IsNumeric: (v) => typeof v === 'number',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};

export function evaluateRule(rule: Record<string, unknown>, resolve: ValueResolver): boolean {
  if (Array.isArray(rule.And))
    return (rule.And as Record<string, unknown>[]).every((r) => evaluateRule(r, resolve));
  if (Array.isArray(rule.Or))
    return (rule.Or as Record<string, unknown>[]).some((r) => evaluateRule(r, resolve));
  if (rule.Not && typeof rule.Not === 'object')
    return !evaluateRule(rule.Not as Record<string, unknown>, resolve);
  const variable = rule.Variable as string;
  const current = resolve(variable);
  if ('IsPresent' in rule) return current.found === rule.IsPresent;
  for (const key in rule) {
    const typeTest = TYPE_TESTS[key];
    if (typeTest) {
      if (!current.found) return false === rule[key];
      return typeTest(current.value) === rule[key];
    }
  }
  for (const key in rule) {
    const expected = rule[key];
    const isPath = key.endsWith('Path');
    const op = isPath ? key.slice(0, -4) : key;
    const compare = COMPARATORS[op];
    if (!compare) continue;
    if (!current.found)
      throw new StatesError(
        'States.Runtime',
        `Invalid path '${variable}': The choice state's condition path references an invalid value.`,
      );
    let other: Json = expected as Json;
    if (isPath) {
      const r = resolve(expected as string);
      if (!r.found)
        throw new StatesError(
          'States.Runtime',
          `Invalid path '${String(expected)}': The choice state's condition path references an invalid value.`,
        );
      other = r.value;
    }
    return compare(current.value, other);
  }
  throw new StatesError('States.Runtime', `Unsupported choice rule: ${JSON.stringify(rule)}`);
}
