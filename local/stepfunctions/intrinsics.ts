/**
 * The `States.*` intrinsic functions of JSONPath states. A call is parsed once (cached) into a small
 * tree and evaluated against a resolver for `$` (input), `$$` (context) and `$name` (variables).
 */
import { createHash, randomUUID } from 'node:crypto';
import { StatesError } from './errors.ts';
import { isObject, type Json } from './json.ts';

type Arg =
  | { kind: 'literal'; value: Json }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: Arg[] };

export type PathResolver = (path: string) => Json;

const cache = new Map<string, Arg>();

export function isIntrinsic(text: string): boolean {
  return text.startsWith('States.');
}

export function evaluateIntrinsic(text: string, resolve: PathResolver): Json {
  let call = cache.get(text);
  if (!call) {
    const parser = new Parser(text);
    call = parser.parseCall();
    parser.skipSpace();
    if (!parser.done()) throw intrinsicError(`Invalid intrinsic function call: ${text}`);
    cache.set(text, call);
  }
  return evalArg(call, resolve);
}

function intrinsicError(cause: string): StatesError {
  return new StatesError('States.IntrinsicFailure', cause);
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  skipSpace(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
  }

  parseCall(): Arg {
    this.skipSpace();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.s.slice(this.i));
    if (!m) throw intrinsicError(`Invalid intrinsic function call: ${this.s}`);
    this.i += m[0].length;
    this.skipSpace();
    if (this.s[this.i] !== '(') throw intrinsicError(`Invalid intrinsic function call: ${this.s}`);
    this.i++;
    const args: Arg[] = [];
    this.skipSpace();
    if (this.s[this.i] === ')') {
      this.i++;
      return { kind: 'call', name: m[0], args };
    }
    for (;;) {
      args.push(this.parseArg());
      this.skipSpace();
      const c = this.s[this.i];
      this.i++;
      if (c === ')') break;
      if (c !== ',') throw intrinsicError(`Invalid intrinsic function call: ${this.s}`);
    }
    return { kind: 'call', name: m[0], args };
  }

  parseArg(): Arg {
    this.skipSpace();
    const c = this.s[this.i];
    if (c === "'") {
      this.i++;
      let out = '';
      while (this.i < this.s.length && this.s[this.i] !== "'") {
        if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) {
          const next = this.s[this.i + 1] as string;
          // `\{` and `\}` stay escaped so States.Format can tell literal braces from placeholders.
          out += next === '{' || next === '}' ? `\\${next}` : next;
          this.i += 2;
        } else out += this.s[this.i++];
      }
      this.i++;
      return { kind: 'literal', value: out };
    }
    if (this.s.startsWith('States.', this.i)) return this.parseCall();
    if (c === '$') {
      const start = this.i;
      let depth = 0;
      let quote: string | null = null;
      while (this.i < this.s.length) {
        const ch = this.s[this.i] as string;
        if (quote) {
          if (ch === '\\') this.i++;
          else if (ch === quote) quote = null;
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === '[' || ch === '(') depth++;
        else if (ch === ']' || (ch === ')' && depth > 0)) depth--;
        else if ((ch === ',' || ch === ')') && depth === 0) break;
        this.i++;
      }
      return { kind: 'path', path: this.s.slice(start, this.i).trim() };
    }
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) throw intrinsicError(`Invalid intrinsic function argument in: ${this.s}`);
    this.i += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) as Json };
  }
}

function evalArg(arg: Arg, resolve: PathResolver): Json {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'path') return resolve(arg.path);
  const args = arg.args;
  const values: Json[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) values[i] = evalArg(args[i] as Arg, resolve);
  const fn = FUNCTIONS[arg.name];
  if (!fn) throw intrinsicError(`Unsupported intrinsic function: ${arg.name}`);
  if (arg.name === 'States.Format') return fn(values, args);
  // Literal strings keep `\{`/`\}` escapes only for Format's template; other functions see plain text.
  for (let i = 0; i < args.length; i++) values[i] = plain(values[i] as Json, args[i]);
  return fn(values, args);
}

function plain(v: Json, a: Arg | undefined): Json {
  return a?.kind === 'literal' && typeof v === 'string' ? v.replace(/\\([{}])/g, '$1') : v;
}

function expectArray(name: string, v: Json): Json[] {
  if (!Array.isArray(v)) throw intrinsicError(`Function ${name} expects an array argument`);
  return v;
}

function expectNumber(name: string, v: Json): number {
  if (typeof v !== 'number') throw intrinsicError(`Function ${name} expects a number argument`);
  return v;
}

function expectString(name: string, v: Json): string {
  if (typeof v !== 'string') throw intrinsicError(`Function ${name} expects a string argument`);
  return v;
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i] as Json));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k] as Json, b[k] as Json));
  }
  return false;
}

/** How the Java runtime behind AWS prints a value inside States.Format: maps as `{k=v, ...}`. */
function javaToString(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(javaToString).join(', ')}]`;
  if (isObject(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}=${javaToString(x)}`)
      .join(', ')}}`;
  return String(v);
}

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const FUNCTIONS: Record<string, (args: Json[], raw: Arg[]) => Json> = {
  'States.Format'(args) {
    const [template, ...rest] = args;
    const t = expectString('States.Format', template ?? null);
    let out = '';
    let n = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      if (c === '\\' && (t[i + 1] === '{' || t[i + 1] === '}' || t[i + 1] === '\\')) {
        out += t[i + 1];
        i++;
      } else if (c === '{' && t[i + 1] === '}') {
        if (n >= rest.length)
          throw intrinsicError('Number of arguments does not match the number of placeholders');
        out += javaToString(rest[n++] as Json);
        i++;
      } else out += c;
    }
    if (n !== rest.length)
      throw intrinsicError('Number of arguments does not match the number of placeholders');
    return out;
  },
  'States.StringToJson'([s]) {
    const text = expectString('States.StringToJson', s ?? null);
    // Jackson (behind AWS) reads a blank document as null.
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text) as Json;
    } catch {
      throw intrinsicError(`Failed to parse JSON string: ${text}`);
    }
  },
  'States.JsonToString'([v]) {
    return JSON.stringify(v ?? null);
  },
  'States.Array'(args) {
    return args;
  },
  'States.ArrayPartition'([a, size]) {
    const arr = expectArray('States.ArrayPartition', a ?? null);
    const n = expectNumber('States.ArrayPartition', size ?? null);
    if (n <= 0 || !Number.isInteger(n)) throw intrinsicError('Chunk size must be a positive integer');
    const out: Json[] = [];
    for (let i = 0; i < arr.length; i += n) out.push(arr.slice(i, i + n));
    return out;
  },
  'States.ArrayContains'([a, v]) {
    return expectArray('States.ArrayContains', a ?? null).some((x) => deepEqual(x, v ?? null));
  },
  'States.ArrayRange'([start, end, step]) {
    const s = expectNumber('States.ArrayRange', start ?? null);
    const e = expectNumber('States.ArrayRange', end ?? null);
    const st = expectNumber('States.ArrayRange', step ?? null);
    if (st === 0) throw intrinsicError('Step cannot be zero');
    const out: number[] = [];
    for (let x = s; st > 0 ? x <= e : x >= e; x += st) {
      out.push(x);
      if (out.length > 1000) throw intrinsicError('The array range exceeds the maximum of 1000 elements');
    }
    return out;
  },
  'States.ArrayGetItem'([a, i]) {
    const arr = expectArray('States.ArrayGetItem', a ?? null);
    const idx = expectNumber('States.ArrayGetItem', i ?? null);
    if (idx < 0 || idx >= arr.length) throw intrinsicError(`Index ${idx} is out of bounds`);
    return arr[idx] as Json;
  },
  'States.ArrayLength'([a]) {
    return expectArray('States.ArrayLength', a ?? null).length;
  },
  'States.ArrayUnique'([a]) {
    const out: Json[] = [];
    for (const x of expectArray('States.ArrayUnique', a ?? null))
      if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  },
  'States.Base64Encode'([s]) {
    return Buffer.from(expectString('States.Base64Encode', s ?? null), 'utf8').toString('base64');
  },
  'States.Base64Decode'([s]) {
    return Buffer.from(expectString('States.Base64Decode', s ?? null), 'base64').toString('utf8');
  },
  'States.Hash'([data, algorithm]) {
    const algo = HASHES[expectString('States.Hash', algorithm ?? null)];
    if (!algo) throw intrinsicError(`Unsupported hash algorithm: ${String(algorithm)}`);
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return createHash(algo).update(text, 'utf8').digest('hex');
  },
  'States.JsonMerge'([a, b, deep]) {
    if (!isObject(a ?? null) || !isObject(b ?? null))
      throw intrinsicError('States.JsonMerge expects two objects');
    if (deep === true) throw intrinsicError('Deep merge is not supported: the third argument must be false');
    return { ...(a as object), ...(b as object) } as Json;
  },
  'States.MathRandom'([start, end]) {
    const s = Math.round(expectNumber('States.MathRandom', start ?? null));
    const e = Math.round(expectNumber('States.MathRandom', end ?? null));
    return s + Math.floor(Math.random() * Math.max(0, e - s));
  },
  'States.MathAdd'([a, b]) {
    // AWS rounds each operand to an integer first (Java Math.round, half up), hence 1.5 + 1.51 = 4.
    return (
      Math.round(expectNumber('States.MathAdd', a ?? null)) +
      Math.round(expectNumber('States.MathAdd', b ?? null))
    );
  },
  'States.StringSplit'([s, delimiters]) {
    const text = expectString('States.StringSplit', s ?? null);
    const delims = new Set(expectString('States.StringSplit', delimiters ?? null));
    const out: string[] = [];
    let current = '';
    for (const c of text) {
      if (delims.has(c)) {
        if (current) out.push(current);
        current = '';
      } else current += c;
    }
    if (current) out.push(current);
    return out;
  },
  'States.UUID'() {
    return randomUUID();
  },
};
