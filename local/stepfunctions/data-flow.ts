/**
 * How data moves through a state, in one interface with two implementations: JSONPath
 * (jsonpath-flow.ts: InputPath → Parameters → result → ResultSelector → ResultPath → OutputPath)
 * and JSONata (jsonata-flow.ts: Arguments → result → Output), both with Assign
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html,
 * .../transforming-data.html). A state's module runs the same code in either language.
 */
import type { Catcher, ChoiceRule, QueryLanguage } from './definition.ts';
import type { FieldError } from './errors.ts';
import type { MapItem } from './execution-tree.ts';
import type { Json, JsonObject } from './json.ts';
import type { StateRun } from './state-run.ts';

/** A setting of a state (Seconds, TimeoutSeconds, Items, …) and where its value came from. */
export interface Setting {
  value: Json;
  /** A literal in the definition, a JSONPath `…Path` field, or a JSONata expression. */
  from: 'literal' | 'path' | 'expression';
  /** The path or expression as written, for error messages. */
  source: string;
}

/** What a state produced: a result (Task, Map, Parallel, Pass) or nothing but its input (Choice, Wait, Succeed). */
export type Produced = { result: Json } | { input: Json };

export interface PayloadExtras {
  token?: string;
  mapItem?: MapItem;
}

export interface Ending {
  output: Json;
  assigned: JsonObject | undefined;
}

export interface DataFlow {
  readonly language: QueryLanguage;
  /** The state's effective input: InputPath applied (JSONPath), or the input as it is (JSONata). */
  input(run: StateRun): Json;
  /** Parameters (JSONPath) or Arguments (JSONata) evaluated over `input`; `input` when absent. */
  parameters(run: StateRun, input: Json, extras?: PayloadExtras): Promise<Json>;
  /** A payload template of the state's language (ItemSelector, ResultSelector, …) over `input`. */
  payload(run: StateRun, template: Json, field: string, input: Json, extras?: PayloadExtras): Promise<Json>;
  /** A setting read from `X` or `XPath` (JSONPath) or from the expression in `X` (JSONata). */
  setting(run: StateRun, name: string, input: Json): Promise<Setting | undefined>;
  /** Whether a Choice rule matches. */
  condition(run: StateRun, rule: ChoiceRule, index: number, input: Json): Promise<boolean>;
  /**
   * The state's output and assigned variables. `fields` holds Output and Assign where they are
   * not the state's own (a Choice rule).
   */
  finish(run: StateRun, produced: Produced, fields?: { Output?: Json; Assign?: Json }): Promise<Ending>;
  /** The output and assigned variables of a Catch that caught `errorOutput`. */
  catchOutput(run: StateRun, catcher: Catcher, errorOutput: JsonObject): Promise<Ending>;
  /**
   * A value in a field is unusable: States.Runtime in JSONPath, States.QueryEvaluationError in
   * JSONata (with `field` as the location of its EvaluationFailed event).
   */
  invalid(message: string, field: string | undefined): FieldError;
}
