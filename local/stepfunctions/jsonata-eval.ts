/**
 * JSONata as Step Functions runs it: `{% expr %}` strings inside Arguments/Output/Assign/... are
 * evaluated with `$states` and the workflow variables bound, plus AWS's added functions
 * ($partition, $range, $hash, $random, $uuid, $parse) and without `$eval`.
 */
import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { ErrorNames, FieldError } from './errors.ts';
import { isObject, type Json, jsonTypeName } from './json.ts';

type Expression = ReturnType<typeof jsonata>;

const compiled = new Map<string, Expression>();

export function isJsonataTemplate(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('{%') && v.endsWith('%}');
}

export function expressionText(template: string): string {
  return template.slice(2, -2).trim();
}

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Seeded PRNG (mulberry32) so `$random(seed)` is repeatable, as AWS documents. */
function seededRandom(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function fail(message: string): never {
  throw { code: 'States.QueryEvaluationError', message };
}

const AWS_FUNCTIONS: Record<string, unknown> = {
  partition(array: unknown, size: unknown) {
    if (!Array.isArray(array)) fail('$partition expects an array');
    if (typeof size !== 'number' || size <= 0 || !Number.isInteger(size))
      fail('$partition expects a positive integer size');
    const out: unknown[] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range(start: unknown, end: unknown, step: unknown) {
    if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number' || step === 0)
      fail('$range expects numeric start, end and a non-zero step');
    const out: number[] = [];
    for (let x = start; step > 0 ? x <= end : x >= end; x += step) {
      out.push(x);
      if (out.length > 1000) fail('$range result exceeds 1000 elements');
    }
    return out;
  },
  hash(data: unknown, algorithm: unknown) {
    const algo = HASH_ALGORITHMS[String(algorithm)];
    if (!algo) fail(`Unsupported hash algorithm: ${String(algorithm)}`);
    return createHash(algo)
      .update(typeof data === 'string' ? data : JSON.stringify(data))
      .digest('hex');
  },
  random(seed?: unknown) {
    return typeof seed === 'number' ? seededRandom(seed) : Math.random();
  },
  uuid() {
    return randomUUID();
  },
  parse(text: unknown) {
    if (typeof text !== 'string') fail('$parse expects a string');
    try {
      return JSON.parse(text);
    } catch {
      fail(`$parse could not parse the string as JSON: ${text}`);
    }
  },
  eval() {
    fail('The $eval function is not supported');
  },
};

function compile(expr: string, field: string): Expression {
  let e = compiled.get(expr);
  if (!e) {
    try {
      e = jsonata(expr);
    } catch (err) {
      throw new FieldError(
        ErrorNames.QueryEvaluationError,
        `The JSONata expression '${expr}' specified for the field '${field}' could not be parsed: ${describe(err)}`,
        field,
      );
    }
    // AWS's functions are bound once per expression; each evaluation binds only variables and
    // $states, in a frame below them (so a variable of the same name still shadows a function).
    for (const [name, fn] of Object.entries(AWS_FUNCTIONS)) e.assign(name, fn);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(expr, e);
  }
  return e;
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err)
    return String((err as { message: unknown }).message);
  return String(err);
}

/** JSONata returns arrays tagged as sequences and may return functions; AWS only ever sees plain JSON. */
function toPlainJson(v: unknown): Json | undefined {
  if (v === undefined || typeof v === 'function') return undefined;
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    return v as Json;
  }
  if (Array.isArray(v)) {
    const out: Json[] = [];
    for (const x of v) {
      const p = toPlainJson(x);
      if (p !== undefined) out.push(p);
    }
    return out;
  }
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) {
    const p = toPlainJson(x);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

export interface JsonataScope {
  states: Record<string, unknown>;
  variables: Record<string, Json>;
}

/** Evaluates one `{% %}` template; `field` names where it sits (e.g. `Output/result`) for error causes. */
export async function evaluateTemplate(template: string, field: string, scope: JsonataScope): Promise<Json> {
  const expr = expressionText(template);
  const e = compile(expr, field);
  const bindings: Record<string, unknown> = { ...scope.variables, states: scope.states };
  let result: unknown;
  try {
    result = await e.evaluate(undefined, bindings);
  } catch (err) {
    const code =
      err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
    const detail =
      code && code !== 'States.QueryEvaluationError' ? `${code}: ${describe(err)}` : describe(err);
    throw new FieldError(
      ErrorNames.QueryEvaluationError,
      `The JSONata expression '${expr}' specified for the field '${field}' threw an error during evaluation. ${detail}`,
      field,
    );
  }
  const plain = toPlainJson(result);
  if (plain === undefined)
    throw new FieldError(
      ErrorNames.QueryEvaluationError,
      `The JSONata expression '${expr}' specified for the field '${field}' returned nothing (undefined).`,
      field,
    );
  return plain;
}

/** Evaluates every template nested in a JSON value (Output, Arguments, Assign, ItemSelector...). */
export async function evaluateJsonataValue(value: Json, field: string, scope: JsonataScope): Promise<Json> {
  if (typeof value === 'string')
    return isJsonataTemplate(value) ? evaluateTemplate(value, field, scope) : value;
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (let i = 0; i < value.length; i++)
      out.push(await evaluateJsonataValue(value[i] as Json, `${field}[${i}]`, scope));
    return out;
  }
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = await evaluateJsonataValue(v, `${field}/${k}`, scope);
    return out;
  }
  return value;
}

/** True when a value holds at least one template, so constant fields can skip evaluation entirely. */
export function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return isJsonataTemplate(value);
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (isObject(value)) return Object.values(value).some(containsTemplate);
  return false;
}

/** Fails like AWS when a field's expression yields the wrong JSON type. */
export function expectType(
  value: Json,
  expected: 'array' | 'number' | 'string' | 'boolean' | 'object',
  template: unknown,
  field: string,
): void {
  const actual = jsonTypeName(value);
  if (actual !== expected) {
    const expr = isJsonataTemplate(template) ? expressionText(template) : JSON.stringify(template);
    throw new FieldError(
      ErrorNames.QueryEvaluationError,
      `The JSONata expression '${expr}' specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${actual}' for value: ${JSON.stringify(value)}`,
      field,
    );
  }
}
