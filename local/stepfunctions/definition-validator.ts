/**
 * Definition validation for CreateStateMachine / UpdateStateMachine / ValidateStateMachineDefinition.
 * Uses asl-validator's schemas, with two adjustments:
 * - asl-validator builds a fresh Ajv (recompiling every schema, ~150 ms) on each call; we hand it one
 *   shared instance while it runs, so validation costs about a millisecond;
 * - its schema is stricter than AWS on a few forms AWS accepts (a literal `Output` of any JSON type, a
 *   boolean `Condition`, any literal inside `Assign`); those are normalised or ignored.
 */
import { createRequire } from 'node:module';
import { isObject, type Json } from './json.ts';

const require = createRequire(import.meta.url);
const validatorPath = require.resolve('asl-validator');
const aslValidator = require('asl-validator') as (
  definition: unknown,
  opts?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errors: { 'Error code': string; Message: string }[] };
const ajvModule = createRequire(validatorPath)('ajv') as { default: new (opts: unknown) => unknown };

let sharedAjv: object | undefined;
let reusedAjv: object | undefined;
const OriginalAjv = ajvModule.default;
function CachedAjv(this: unknown, opts: unknown): unknown {
  if (!sharedAjv) {
    sharedAjv = new OriginalAjv(opts) as object;
    return sharedAjv;
  }
  // Later calls re-register the same keywords, which Ajv refuses: make that a no-op.
  reusedAjv ??= new Proxy(sharedAjv, {
    get(target, prop) {
      if (prop === 'addKeyword') return () => reusedAjv;
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return reusedAjv;
}

export interface Diagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  location?: string;
}

function normaliseForSchema(value: Json, key?: string): Json {
  if (Array.isArray(value)) return value.map((v) => normaliseForSchema(v));
  if (!isObject(value)) return value;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'Output' && !(typeof v === 'string' && v.startsWith('{%'))) out[k] = '{% $states.input %}';
    else if (k === 'Condition' && typeof v === 'boolean') out[k] = `{% ${v} %}`;
    else out[k] = normaliseForSchema(v, k);
  }
  void key;
  return out;
}

/** Structural checks AWS makes that matter at run time: start state, transitions, state types. */
function structuralErrors(def: Json, path = ''): Diagnostic[] {
  const errors: Diagnostic[] = [];
  if (!isObject(def))
    return [
      { severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'The definition must be an object' },
    ];
  const states = def.States;
  if (!isObject(states))
    return [
      {
        severity: 'ERROR',
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `Missing required field 'States'`,
        location: `${path}/States`,
      },
    ];
  if (typeof def.StartAt !== 'string' || !Object.hasOwn(states, def.StartAt))
    errors.push({
      severity: 'ERROR',
      code: 'MISSING_TRANSITION_TARGET',
      message: `Missing 'Next' target: ${String(def.StartAt)}`,
      location: `${path}/StartAt`,
    });
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    const targets: Json[] = [state.Next ?? null, state.Default ?? null];
    for (const c of (Array.isArray(state.Choices) ? state.Choices : []) as Json[])
      if (isObject(c)) targets.push(c.Next ?? null);
    for (const c of (Array.isArray(state.Catch) ? state.Catch : []) as Json[])
      if (isObject(c)) targets.push(c.Next ?? null);
    for (const t of targets)
      if (typeof t === 'string' && !Object.hasOwn(states, t))
        errors.push({
          severity: 'ERROR',
          code: 'MISSING_TRANSITION_TARGET',
          message: `Missing 'Next' target: ${t} at /States/${name}`,
          location: `${path}/States/${name}`,
        });
    const nested = [
      state.ItemProcessor,
      state.Iterator,
      ...(Array.isArray(state.Branches) ? state.Branches : []),
    ];
    for (const n of nested)
      if (n !== undefined) errors.push(...structuralErrors(n as Json, `${path}/States/${name}`));
  }
  return errors;
}

const cache = new Map<string, Diagnostic[]>();

/** Diagnostics for a definition text; empty when AWS would accept it. Results are cached by text. */
export function validateDefinition(text: string): Diagnostic[] {
  const cached = cache.get(text);
  if (cached) return cached;
  let def: Json;
  try {
    def = JSON.parse(text) as Json;
  } catch (err) {
    return [
      {
        severity: 'ERROR',
        code: 'INVALID_JSON_DESCRIPTION',
        message: `Invalid State Machine Definition: '${(err as Error).message}'`,
      },
    ];
  }
  const diagnostics = structuralErrors(def);
  if (diagnostics.length === 0) {
    ajvModule.default = CachedAjv as unknown as typeof OriginalAjv;
    try {
      const result = aslValidator(normaliseForSchema(def), { checkPaths: true, checkArn: false });
      // Assign accepts any JSON literal on AWS; the schema's oneOf rejects some (e.g. null in a list).
      for (const e of result.errors.filter((x) => !x.Message.includes('/Assign/')))
        diagnostics.push({ severity: 'ERROR', code: e['Error code'], message: e.Message });
    } finally {
      ajvModule.default = OriginalAjv;
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(text, diagnostics);
  return diagnostics;
}
