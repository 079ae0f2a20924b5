/**
 * The JSONata data flow: Arguments → (the state's work) → Output, with Assign. Every field may
 * hold `{% … %}` templates evaluated with `$states` (input, result, errorOutput, context) and the
 * visible variables bound.
 */
import { contextObject } from './context-object.ts';
import type { DataFlow, Ending, PayloadExtras, Produced, Setting } from './data-flow.ts';
import { type Catcher, type ChoiceRule, dataFlowFields, settingField } from './definition.ts';
import { ErrorNames, FieldError } from './errors.ts';
import type { Json, JsonObject } from './json.ts';
import {
  containsTemplate,
  evaluateJsonataValue,
  evaluateTemplate,
  expectType,
  isJsonataTemplate,
  type JsonataScope,
} from './jsonata-eval.ts';
import { type StateRun, visibleVariables } from './state-run.ts';

class JsonataFlow implements DataFlow {
  readonly language = 'JSONata' as const;

  input(run: StateRun): Json {
    return run.frame.input;
  }

  async parameters(run: StateRun, input: Json, extras: PayloadExtras = {}): Promise<Json> {
    const template = dataFlowFields(run.state).Arguments;
    const out = template === undefined ? input : await field(template, 'Arguments', scope(run, {}, extras));
    if (run.inspection) run.inspection.afterArguments = out;
    return out;
  }

  async payload(
    run: StateRun,
    template: Json,
    name: string,
    _input: Json,
    extras: PayloadExtras = {},
  ): Promise<Json> {
    return field(template, name, scope(run, {}, extras));
  }

  async setting(run: StateRun, name: string): Promise<Setting | undefined> {
    const raw = settingField(run.state, name) as Json | undefined;
    if (raw === undefined) return undefined;
    if (!containsTemplate(raw)) return { value: raw, from: 'literal', source: JSON.stringify(raw) };
    const value = await evaluateJsonataValue(raw, name, scope(run));
    return { value, from: 'expression', source: typeof raw === 'string' ? raw : JSON.stringify(raw) };
  }

  async condition(run: StateRun, rule: ChoiceRule, index: number): Promise<boolean> {
    if (!isJsonataTemplate(rule.Condition)) return rule.Condition === true;
    const ok = await evaluateTemplate(rule.Condition, `Choices[${index}]/Condition`, scope(run));
    if (typeof ok !== 'boolean') expectType(ok, 'boolean', rule.Condition, 'Condition');
    return ok === true;
  }

  async finish(
    run: StateRun,
    produced: Produced,
    fields?: { Output?: Json; Assign?: Json },
  ): Promise<Ending> {
    const own = fields ?? dataFlowFields(run.state);
    const hasResult = 'result' in produced;
    if (hasResult && run.inspection) run.inspection.result = produced.result;
    if (own.Output === undefined && own.Assign === undefined)
      return { output: hasResult ? produced.result : produced.input, assigned: undefined };
    const jscope = scope(run, hasResult ? { result: produced.result } : {});
    const output =
      own.Output === undefined
        ? hasResult
          ? produced.result
          : produced.input
        : await field(own.Output, 'Output', jscope);
    const assigned =
      own.Assign === undefined ? undefined : ((await field(own.Assign, 'Assign', jscope)) as JsonObject);
    return { output, assigned };
  }

  async catchOutput(run: StateRun, catcher: Catcher, errorOutput: JsonObject): Promise<Ending> {
    const jscope = scope(run, { errorOutput });
    const output =
      catcher.Output === undefined
        ? errorOutput
        : await evaluateJsonataValue(catcher.Output, 'Output', jscope);
    const assigned =
      catcher.Assign === undefined
        ? undefined
        : ((await evaluateJsonataValue(catcher.Assign, 'Assign', jscope)) as JsonObject);
    return { output, assigned };
  }

  invalid(message: string, name?: string): FieldError {
    return new FieldError(ErrorNames.QueryEvaluationError, message, name);
  }
}

export const jsonataFlow: DataFlow = new JsonataFlow();

async function field(value: Json, name: string, jscope: JsonataScope): Promise<Json> {
  if (!containsTemplate(value)) return value;
  return evaluateJsonataValue(value, name, jscope);
}

/** `$states` for the state's input (plus a result or an error output) and the visible variables. */
function scope(
  run: StateRun,
  extra: { result?: Json; errorOutput?: Json } = {},
  extras: PayloadExtras = {},
): JsonataScope {
  const states: Record<string, unknown> = { input: run.frame.input, ...extra };
  // Built on first access only: most expressions never look at the context.
  let ctx: JsonObject | undefined;
  Object.defineProperty(states, 'context', {
    enumerable: true,
    get: () => {
      ctx ??= contextObject(run, extras);
      return ctx;
    },
  });
  return { states, variables: visibleVariables(run.variables) };
}
