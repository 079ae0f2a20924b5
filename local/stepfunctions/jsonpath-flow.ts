/**
 * The JSONPath data flow: InputPath → Parameters → (the state's work) → ResultSelector → Assign →
 * ResultPath → OutputPath. Paths read the input (`$`), the context object (`$$`) or a variable
 * (`$name`). Everything here is synchronous; the DataFlow interface is async for JSONata's sake.
 */
import { evaluateRule } from './choice-rules.ts';
import { contextObject } from './context-object.ts';
import type { DataFlow, Ending, PayloadExtras, Produced, Setting } from './data-flow.ts';
import {
  type Catcher,
  type ChoiceRule,
  type DataFlowFields,
  dataFlowFields,
  settingField,
} from './definition.ts';
import { ErrorNames, FieldError, StatesError } from './errors.ts';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.ts';
import type { Json, JsonObject } from './json.ts';
import { normalizedPath, PathNotFound, readCompiled, writePath } from './json-path.ts';
import { compileTemplate, pathRef, type TemplateNode } from './payload-template.ts';
import { lookupVariable, type StateRun } from './state-run.ts';

const NOT_FOUND: { found: false } = { found: false };

/** Fail's ErrorPath and CausePath may hold an intrinsic function, and name the field when absent. */
const FAIL_FIELDS = new Set(['Error', 'Cause']);

class JsonPathFlow implements DataFlow {
  readonly language = 'JSONPath' as const;

  input(run: StateRun): Json {
    const { InputPath } = dataFlowFields(run.state);
    const frame = run.frame;
    let input: Json;
    if (InputPath === undefined || InputPath === '$') input = frame.input;
    else if (InputPath === null) input = {};
    else input = pathOrInvalid(InputPath, frame.input, run);
    if (run.inspection) run.inspection.afterInputPath = input;
    return input;
  }

  async parameters(run: StateRun, input: Json, extras: PayloadExtras = {}): Promise<Json> {
    const template = dataFlowFields(run.state).Parameters;
    const out = template === undefined ? input : evaluatePayload(template, input, run, extras);
    if (run.inspection) run.inspection.afterParameters = out;
    return out;
  }

  async payload(
    run: StateRun,
    template: Json,
    _field: string,
    input: Json,
    extras: PayloadExtras = {},
  ): Promise<Json> {
    return evaluatePayload(template, input, run, extras);
  }

  async setting(run: StateRun, name: string, input: Json): Promise<Setting | undefined> {
    const path = settingField(run.state, `${name}Path`);
    if (typeof path === 'string') {
      const value = FAIL_FIELDS.has(name)
        ? failPath(path, `${name}Path`, run)
        : resolvePath(path, input, run);
      return { value, from: 'path', source: path };
    }
    const literal = settingField(run.state, name);
    if (literal === undefined) return undefined;
    return { value: literal as Json, from: 'literal', source: JSON.stringify(literal) };
  }

  async condition(run: StateRun, rule: ChoiceRule, _index: number, input: Json): Promise<boolean> {
    return evaluateRule(rule, (path) => {
      try {
        return { found: true, value: resolvePath(path, input, run) };
      } catch (err) {
        if (err instanceof PathNotFound) return NOT_FOUND;
        throw err;
      }
    });
  }

  async finish(run: StateRun, produced: Produced, fields?: { Assign?: Json }): Promise<Ending> {
    const state = dataFlowFields(run.state);
    const inspection = run.inspection;
    if ('input' in produced) {
      const assignTemplate = (fields ?? state).Assign;
      const assigned = assignTemplate === undefined ? undefined : assign(assignTemplate, produced.input, run);
      return { output: outputPath(state, produced.input, run), assigned };
    }
    if (inspection) inspection.result = produced.result;
    const selected =
      state.ResultSelector === undefined
        ? produced.result
        : evaluatePayload(state.ResultSelector, produced.result, run, {});
    if (inspection && state.ResultSelector !== undefined) inspection.afterResultSelector = selected;
    const assigned = state.Assign === undefined ? undefined : assign(state.Assign, selected, run);
    const afterResult = applyResultPath(state.ResultPath, run.frame.input, selected);
    if (inspection) inspection.afterResultPath = afterResult;
    return { output: outputPath(state, afterResult, run), assigned };
  }

  async catchOutput(run: StateRun, catcher: Catcher, errorOutput: JsonObject): Promise<Ending> {
    const assigned = catcher.Assign === undefined ? undefined : assign(catcher.Assign, errorOutput, run);
    const resultPath = catcher.ResultPath === undefined ? '$' : catcher.ResultPath;
    return { output: applyResultPath(resultPath, run.frame.input, errorOutput), assigned };
  }

  invalid(message: string): FieldError {
    return new FieldError(ErrorNames.Runtime, message);
  }
}

export const jsonPathFlow: DataFlow = new JsonPathFlow();

function assign(template: Json, value: Json, run: StateRun): JsonObject {
  return evaluatePayload(template, value, run, {}) as JsonObject;
}

function outputPath(state: DataFlowFields, value: Json, run: StateRun): Json {
  const { OutputPath } = state;
  if (OutputPath === undefined || OutputPath === '$') return value;
  if (OutputPath === null) return {};
  // Variables assigned by this very state are not visible to its OutputPath: they are applied after.
  return pathOrInvalid(OutputPath, value, run);
}

function pathOrInvalid(path: string, value: Json, run: StateRun): Json {
  try {
    return resolvePath(path, value, run);
  } catch (err) {
    if (err instanceof PathNotFound)
      throw new FieldError(
        ErrorNames.Runtime,
        `Invalid path '${path}' : No results for path: ${normalizedPath(path)}`,
      );
    throw err;
  }
}

function applyResultPath(path: string | null | undefined, input: Json, result: Json): Json {
  if (path === undefined || path === '$') return result;
  if (path === null) return input;
  try {
    return writePath(path, input, result);
  } catch {
    throw new StatesError(
      ErrorNames.ResultPathMatchFailure,
      `Unable to apply ResultPath "${path}" to input "${JSON.stringify(input)}"`,
    );
  }
}

/** Reads `$...` (value), `$$...` (context) or `$var...` (variables); throws PathNotFound when absent. */
function resolvePath(path: string, value: Json, run: StateRun, context?: JsonObject): Json {
  const ref = pathRef(path);
  switch (ref.kind) {
    case 'context':
      return readCompiled(ref.path, context ?? contextObject(run));
    case 'value':
      return readCompiled(ref.path, value);
    case 'variable': {
      const v = lookupVariable(run.variables, ref.name);
      if (!v.found) throw new PathNotFound(path);
      return ref.path ? readCompiled(ref.path, v.value) : v.value;
    }
  }
}

function failPath(path: string, field: string, run: StateRun): Json {
  const input = run.frame.input;
  if (isIntrinsic(path)) return evaluateIntrinsic(path, (p) => resolvePath(p, input, run));
  try {
    return resolvePath(path, input, run);
  } catch (err) {
    if (err instanceof PathNotFound || err instanceof FieldError)
      throw new FieldError(
        ErrorNames.Runtime,
        `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`,
      );
    throw err;
  }
}

/** One evaluation of a payload template; the context object is built once, on first use. */
interface PayloadRun {
  input: Json;
  run: StateRun;
  extras: PayloadExtras;
  context: JsonObject | undefined;
}

function evaluatePayload(template: Json, input: Json, run: StateRun, extras: PayloadExtras): Json {
  const node = compileTemplate(template);
  if (node.kind === 'literal') return node.value;
  return evaluateNode(node, { input, run, extras, context: undefined });
}

function evaluateNode(node: TemplateNode, p: PayloadRun): Json {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'object': {
      const out: JsonObject = {};
      const { keys, nodes } = node;
      for (let i = 0; i < keys.length; i++)
        out[keys[i] as string] = evaluateNode(nodes[i] as TemplateNode, p);
      return out;
    }
    case 'array': {
      const out: Json[] = new Array(node.items.length);
      for (let i = 0; i < node.items.length; i++) out[i] = evaluateNode(node.items[i] as TemplateNode, p);
      return out;
    }
    case 'path':
      return templatePath(node.path, node.key, p);
    case 'intrinsic':
      return intrinsic(node.text, (path) => templatePath(path, node.key, p));
  }
}

function templatePath(path: string, key: string, p: PayloadRun): Json {
  const isContext = pathRef(path).kind === 'context';
  if (isContext) p.context ??= contextObject(p.run, p.extras);
  try {
    return resolvePath(path, p.input, p.run, p.context);
  } catch (err) {
    if (err instanceof PathNotFound)
      throw new FieldError(
        ErrorNames.Runtime,
        `The JSONPath '${path}' specified for the field '${key}' could not be found in the input '${JSON.stringify(isContext ? p.context : p.input)}'`,
      );
    throw err;
  }
}

function intrinsic(text: string, resolve: (path: string) => Json): Json {
  try {
    return evaluateIntrinsic(text, resolve);
  } catch (err) {
    // An intrinsic's own failure is reported like a field's: prefixed with the state's name.
    if (
      err instanceof StatesError &&
      !(err instanceof FieldError) &&
      err.error === ErrorNames.IntrinsicFailure
    )
      throw new FieldError(err.error, err.cause_ ?? '');
    throw err;
  }
}
