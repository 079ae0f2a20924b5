/**
 * JSONPath payload templates and paths, compiled once: a template (Parameters, ResultSelector,
 * ItemSelector, Assign) becomes a tree whose literal parts (no `.$` key below them) are returned
 * as they are — values are immutable — and only `.$` keys are evaluated; a path is classified
 * (input, context object, variable) and compiled once.
 */
import { isIntrinsic } from './intrinsics.ts';
import { isObject, type Json } from './json.ts';
import { type CompiledPath, compilePath } from './json-path.ts';

/** A path as the data-flow fields use it: into the input, the context object (`$$`) or a variable. */
export type PathRef =
  | { kind: 'value'; path: CompiledPath }
  | { kind: 'context'; path: CompiledPath }
  | { kind: 'variable'; name: string; path: CompiledPath | null };

const pathRefs = new Map<string, PathRef>();
const VARIABLE_PATH = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/;

/** Classifies and compiles a path once; an invalid path throws on every use, as it did when parsed each time. */
export function pathRef(path: string): PathRef {
  let ref = pathRefs.get(path);
  if (ref) return ref;
  if (path.startsWith('$$')) ref = { kind: 'context', path: compilePath(`$${path.slice(2)}`) };
  else if (path === '$' || path.startsWith('$.') || path.startsWith('$['))
    ref = { kind: 'value', path: compilePath(path) };
  else {
    const m = VARIABLE_PATH.exec(path);
    if (!m) ref = { kind: 'value', path: compilePath(path) };
    else ref = { kind: 'variable', name: m[1] as string, path: m[2] ? compilePath(`$${m[2]}`) : null };
  }
  if (pathRefs.size > 10_000) pathRefs.clear();
  pathRefs.set(path, ref);
  return ref;
}

export type TemplateNode =
  | { kind: 'literal'; value: Json }
  | { kind: 'object'; keys: string[]; nodes: TemplateNode[] }
  | { kind: 'array'; items: TemplateNode[] }
  /** `key.$` with a path; `key` is the field name as written, with `.$`. */
  | { kind: 'path'; key: string; path: string }
  | { kind: 'intrinsic'; key: string; text: string };

const compiledTemplates = new WeakMap<object, TemplateNode>();

export function compileTemplate(template: Json): TemplateNode {
  if (template === null || typeof template !== 'object') return { kind: 'literal', value: template };
  let node = compiledTemplates.get(template);
  if (!node) {
    node = buildTemplate(template);
    compiledTemplates.set(template, node);
  }
  return node;
}

function buildTemplate(template: Json): TemplateNode {
  if (Array.isArray(template)) {
    const items = template.map(buildTemplate);
    return items.every((n) => n.kind === 'literal')
      ? { kind: 'literal', value: template }
      : { kind: 'array', items };
  }
  if (!isObject(template)) return { kind: 'literal', value: template };
  const keys: string[] = [];
  const nodes: TemplateNode[] = [];
  let literal = true;
  for (const [key, raw] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof raw === 'string') {
      keys.push(key.slice(0, -2));
      nodes.push(isIntrinsic(raw) ? { kind: 'intrinsic', key, text: raw } : { kind: 'path', key, path: raw });
      literal = false;
    } else {
      const n = buildTemplate(raw);
      if (n.kind !== 'literal') literal = false;
      keys.push(key);
      nodes.push(n);
    }
  }
  return literal ? { kind: 'literal', value: template } : { kind: 'object', keys, nodes };
}
