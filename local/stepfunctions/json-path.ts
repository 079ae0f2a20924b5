/**
 * JSONPath as Step Functions evaluates it (Jayway semantics): a definite path (names and indexes only)
 * yields one value or fails; an indefinite one (wildcard, slice, filter, deep scan, unions) yields a list.
 * Compiled paths are cached because state machines evaluate the same few paths on every transition.
 */
import type { Json } from './json.ts';

type Segment =
  | { kind: 'name'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'names'; names: string[] }
  | { kind: 'indexes'; indexes: number[] }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start: number | undefined; end: number | undefined; step: number }
  | { kind: 'deep'; name: string | null }
  | { kind: 'filter'; test: (item: Json) => boolean }
  | { kind: 'length' };

export interface CompiledPath {
  source: string;
  segments: Segment[];
  definite: boolean;
  /** Only names and indexes: one value or none, read without intermediate lists. */
  simple: boolean;
}

export class PathNotFound extends Error {}

const cache = new Map<string, CompiledPath>();

export function compilePath(source: string): CompiledPath {
  let compiled = cache.get(source);
  if (!compiled) {
    compiled = parse(source);
    if (cache.size > 10_000) cache.clear();
    cache.set(source, compiled);
  }
  return compiled;
}

function parse(source: string): CompiledPath {
  const s = source.trim();
  if (!s.startsWith('$')) throw new Error(`Invalid JSONPath: ${source}`);
  const segments: Segment[] = [];
  let i = 1;
  const isNameChar = (c: string) => !/[.[\]\s()]/.test(c);
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      if (s[i + 1] === '.') {
        i += 2;
        if (s[i] === '*') {
          i++;
          segments.push({ kind: 'deep', name: null });
        } else if (s[i] === '[') {
          segments.push({ kind: 'deep', name: null });
        } else {
          let j = i;
          while (j < s.length && isNameChar(s[j] as string)) j++;
          segments.push({ kind: 'deep', name: s.slice(i, j) });
          i = j;
        }
        continue;
      }
      i++;
      if (s[i] === '*') {
        i++;
        segments.push({ kind: 'wildcard' });
        continue;
      }
      let j = i;
      while (j < s.length && isNameChar(s[j] as string)) j++;
      const name = s.slice(i, j);
      if (s.slice(j, j + 2) === '()' && name === 'length') {
        segments.push({ kind: 'length' });
        i = j + 2;
        continue;
      }
      if (!name) throw new Error(`Invalid JSONPath: ${source}`);
      segments.push({ kind: 'name', name });
      i = j;
    } else if (c === '[') {
      const close = findClose(s, i);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      segments.push(parseBracket(inner, source));
    } else {
      throw new Error(`Invalid JSONPath: ${source}`);
    }
  }
  const definite = segments.every(
    (seg) => seg.kind === 'name' || seg.kind === 'index' || seg.kind === 'length',
  );
  const simple = segments.every((seg) => seg.kind === 'name' || seg.kind === 'index');
  return { source, segments, definite, simple };
}

function findClose(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`Invalid JSONPath: unclosed bracket in ${s}`);
}

function unquote(token: string): string {
  const q = token[0];
  const body = token.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    // Jayway only unescapes the quote character itself; any other backslash is literal.
    if (c === '\\' && body[i + 1] === q) {
      out += q;
      i++;
    } else out += c;
  }
  return q ? out : token;
}

function splitTopLevel(inner: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      parts.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(inner.slice(start).trim());
  return parts;
}

function parseBracket(inner: string, source: string): Segment {
  if (inner === '*') return { kind: 'wildcard' };
  if (inner.startsWith('?')) return { kind: 'filter', test: compileFilter(inner.slice(1).trim(), source) };
  const parts = splitTopLevel(inner);
  if (parts.every((p) => p.startsWith("'") || p.startsWith('"'))) {
    const names = parts.map(unquote);
    return names.length === 1 ? { kind: 'name', name: names[0] as string } : { kind: 'names', names };
  }
  if (parts.length === 1 && inner.includes(':')) {
    const [a, b, c] = inner.split(':').map((x) => x.trim());
    return {
      kind: 'slice',
      start: a ? Number(a) : undefined,
      end: b ? Number(b) : undefined,
      step: c ? Number(c) : 1,
    };
  }
  const indexes = parts.map(Number);
  if (indexes.some((n) => !Number.isInteger(n))) throw new Error(`Invalid JSONPath: ${source}`);
  return indexes.length === 1 ? { kind: 'index', index: indexes[0] as number } : { kind: 'indexes', indexes };
}

/** Filter expressions: `(@.a.b op literal)` joined with && / ||, or a bare `(@.a)` existence test. */
function compileFilter(expr: string, source: string): (item: Json) => boolean {
  let e = expr;
  if (e.startsWith('(') && e.endsWith(')')) e = e.slice(1, -1).trim();
  const orParts = e.split('||');
  if (orParts.length > 1) {
    const tests = orParts.map((p) => compileFilter(p.trim(), source));
    return (item) => tests.some((t) => t(item));
  }
  const andParts = e.split('&&');
  if (andParts.length > 1) {
    const tests = andParts.map((p) => compileFilter(p.trim(), source));
    return (item) => tests.every((t) => t(item));
  }
  const m = /^(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>|=~)\s*(.+)$/.exec(e);
  if (!m) {
    const path = compilePath(`$${e.slice(1)}`);
    return (item) => evaluatePath(path, item).length > 0;
  }
  const left = compilePath(`$${(m[1] as string).slice(1)}`);
  const op = m[2] as string;
  const rawRight = (m[3] as string).trim();
  let right: Json;
  if (rawRight.startsWith("'") || rawRight.startsWith('"')) right = unquote(rawRight);
  else if (op === '=~') {
    const rm = /^\/(.*)\/([a-z]*)$/.exec(rawRight);
    right = rm ? rawRight : rawRight;
  } else {
    try {
      right = JSON.parse(rawRight) as Json;
    } catch {
      throw new Error(`Invalid JSONPath filter in ${source}`);
    }
  }
  return (item) => {
    const found = evaluatePath(left, item);
    if (found.length === 0) return false;
    const v = found[0] as Json;
    switch (op) {
      case '==':
        return jsonEqual(v, right);
      case '!=':
        return !jsonEqual(v, right);
      case '<':
        return typeof v === typeof right && (v as number) < (right as number);
      case '<=':
        return typeof v === typeof right && (v as number) <= (right as number);
      case '>':
        return typeof v === typeof right && (v as number) > (right as number);
      case '>=':
        return typeof v === typeof right && (v as number) >= (right as number);
      case '=~': {
        const rm = /^\/(.*)\/([a-z]*)$/.exec(String(right));
        return typeof v === 'string' && !!rm && new RegExp(rm[1] as string, rm[2]).test(v);
      }
      default:
        return false;
    }
  };
}

function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** All values the path selects (empty when nothing matches). */
export function evaluatePath(path: CompiledPath, root: Json): Json[] {
  let current: Json[] = [root];
  for (const seg of path.segments) {
    const next: Json[] = [];
    for (const value of current) applySegment(seg, value, next);
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

function applySegment(seg: Segment, value: Json, out: Json[]): void {
  switch (seg.kind) {
    case 'name':
      if (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.hasOwn(value, seg.name)
      )
        out.push(value[seg.name] as Json);
      return;
    case 'names':
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        for (const n of seg.names) if (Object.hasOwn(value, n)) out.push(value[n] as Json);
      return;
    case 'index':
      if (Array.isArray(value)) {
        const i = seg.index < 0 ? value.length + seg.index : seg.index;
        if (i >= 0 && i < value.length) out.push(value[i] as Json);
      }
      return;
    case 'indexes':
      if (Array.isArray(value))
        for (const idx of seg.indexes) {
          const i = idx < 0 ? value.length + idx : idx;
          if (i >= 0 && i < value.length) out.push(value[i] as Json);
        }
      return;
    case 'wildcard':
      if (Array.isArray(value)) out.push(...value);
      else if (value !== null && typeof value === 'object') out.push(...Object.values(value));
      return;
    case 'slice': {
      if (!Array.isArray(value)) return;
      const len = value.length;
      const norm = (n: number) => (n < 0 ? Math.max(0, len + n) : Math.min(n, len));
      const start = seg.start === undefined ? 0 : norm(seg.start);
      const end = seg.end === undefined ? len : norm(seg.end);
      for (let i = start; i < end; i += seg.step) out.push(value[i] as Json);
      return;
    }
    case 'deep':
      deepScan(value, seg.name, out);
      return;
    case 'filter':
      if (Array.isArray(value)) {
        for (const item of value) if (seg.test(item)) out.push(item);
      } else if (value !== null && typeof value === 'object' && seg.test(value)) out.push(value);
      return;
    case 'length':
      if (Array.isArray(value)) out.push(value.length);
      else if (typeof value === 'string') out.push(value.length);
      else if (value !== null && typeof value === 'object') out.push(Object.keys(value).length);
      return;
  }
}

function deepScan(value: Json, name: string | null, out: Json[]): void {
  if (Array.isArray(value)) {
    if (name === null) out.push(...value);
    for (const item of value) deepScan(item, name, out);
  } else if (value !== null && typeof value === 'object') {
    if (name === null) out.push(...Object.values(value));
    else if (Object.hasOwn(value, name)) out.push(value[name] as Json);
    for (const v of Object.values(value)) deepScan(v, name, out);
  }
}

/**
 * Jayway's answer for a path read: the single value of a definite path, the list of an indefinite one.
 * Throws PathNotFound when a definite path selects nothing.
 */
export function readPath(source: string, root: Json): Json {
  return readCompiled(compilePath(source), root);
}

/** `readPath` for an already compiled path. Definite paths of names and indexes take a direct walk. */
export function readCompiled(path: CompiledPath, root: Json): Json {
  const segments = path.segments;
  if (segments.length === 0) return root;
  if (path.simple) {
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i] as Segment;
      if (seg.kind === 'name') {
        if (
          node === null ||
          typeof node !== 'object' ||
          Array.isArray(node) ||
          !Object.hasOwn(node, seg.name)
        )
          throw new PathNotFound(path.source);
        node = node[seg.name] as Json;
      } else if (seg.kind === 'index') {
        if (!Array.isArray(node)) throw new PathNotFound(path.source);
        const j = seg.index < 0 ? node.length + seg.index : seg.index;
        if (j < 0 || j >= node.length) throw new PathNotFound(path.source);
        node = node[j] as Json;
      }
    }
    return node;
  }
  const found = evaluatePath(path, root);
  if (path.definite) {
    if (found.length === 0) throw new PathNotFound(path.source);
    return found[0] as Json;
  }
  return found;
}

/** Jayway's normalised rendering of a path, used in AWS's error causes: `$['a']['b'][0]`. */
export function normalizedPath(source: string): string {
  const path = compilePath(source);
  let out = '$';
  for (const seg of path.segments) {
    if (seg.kind === 'name') out += `['${seg.name}']`;
    else if (seg.kind === 'index') out += `[${seg.index}]`;
    else if (seg.kind === 'wildcard') out += '[*]';
    else out += '[?]';
  }
  return out;
}

/**
 * Writes `value` at a definite path inside `root` without mutating `root` (copy-on-write along the
 * path only), creating intermediate objects like AWS's ResultPath does.
 */
export function writePath(source: string, root: Json, value: Json): Json {
  const path = compilePath(source);
  if (path.segments.length === 0) return value;
  return writeAt(path.segments, 0, root, value, source);
}

function writeAt(segments: Segment[], i: number, node: Json, value: Json, source: string): Json {
  const seg = segments[i] as Segment;
  const last = i === segments.length - 1;
  if (seg.kind === 'name') {
    const base =
      node !== null && typeof node === 'object' && !Array.isArray(node) ? node : (undefined as undefined);
    if (base === undefined) throw new PathNotFound(source);
    const child = Object.hasOwn(base, seg.name) ? (base[seg.name] as Json) : {};
    return { ...base, [seg.name]: last ? value : writeAt(segments, i + 1, child, value, source) };
  }
  if (seg.kind === 'index' && Array.isArray(node) && seg.index < node.length) {
    const copy = node.slice();
    copy[seg.index] = last ? value : writeAt(segments, i + 1, node[seg.index] as Json, value, source);
    return copy;
  }
  throw new PathNotFound(source);
}
