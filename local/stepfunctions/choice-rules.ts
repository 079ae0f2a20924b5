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

/** A Choice rule compiled once per rule object (definitions are parsed once and shared). */
type CompiledRule = (resolve: ValueResolver) => boolean;

const compiledRules = new WeakMap<object, CompiledRule>();

export function evaluateRule(rule: Record<string, unknown>, resolve: ValueResolver): boolean {
  let compiled = compiledRules.get(rule);
  if (!compiled) {
    compiled = compileRule(rule);
    compiledRules.set(rule, compiled);
  }
  return compiled(resolve);
}

function unsupported(rule: Record<string, unknown>): StatesError {
  return new StatesError('States.Runtime', `Unsupported choice rule: ${JSON.stringify(rule)}`);
}

function invalidPath(path: unknown): StatesError {
  return new StatesError(
    'States.Runtime',
    `Invalid path '${String(path)}': The choice state's condition path references an invalid value.`,
  );
}

/**
 * Same decisions, in the same order, as reading the rule afresh: And/Or/Not first, then IsPresent,
 * then the first type test among the rule's keys, then the first comparison operator.
 */
function compileRule(rule: Record<string, unknown>): CompiledRule {
  if (Array.isArray(rule.And)) {
    const subs = rule.And as Record<string, unknown>[];
    return (resolve) => {
      for (const r of subs) if (!evaluateRule(r, resolve)) return false;
      return true;
    };
  }
  if (Array.isArray(rule.Or)) {
    const subs = rule.Or as Record<string, unknown>[];
    return (resolve) => {
      for (const r of subs) if (evaluateRule(r, resolve)) return true;
      return false;
    };
  }
  if (rule.Not && typeof rule.Not === 'object') {
    const sub = rule.Not as Record<string, unknown>;
    return (resolve) => !evaluateRule(sub, resolve);
  }
  const variable = rule.Variable as string;
  if ('IsPresent' in rule) {
    const expected = rule.IsPresent;
    return (resolve) => resolve(variable).found === expected;
  }
  for (const key in rule) {
    const typeTest = TYPE_TESTS[key];
    if (typeTest) {
      const expected = rule[key];
      return (resolve) => {
        const current = resolve(variable);
        if (!current.found) return false === expected;
        return typeTest(current.value) === expected;
      };
    }
  }
  for (const key in rule) {
    const isPath = key.endsWith('Path');
    const compare = COMPARATORS[isPath ? key.slice(0, -4) : key];
    if (!compare) continue;
    const expected = rule[key];
    if (isPath)
      return (resolve) => {
        const current = resolve(variable);
        if (!current.found) throw invalidPath(variable);
        const other = resolve(expected as string);
        if (!other.found) throw invalidPath(expected);
        return compare(current.value, other.value);
      };
    return (resolve) => {
      const current = resolve(variable);
      if (!current.found) throw invalidPath(variable);
      return compare(current.value, expected as Json);
    };
  }
  return (resolve) => {
    resolve(variable);
    throw unsupported(rule);
  };
}
