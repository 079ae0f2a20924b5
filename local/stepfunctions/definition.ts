/**
 * State definitions as the interpreter reads them: one union built from capabilities, as the ASL
 * specification groups the fields (https://states-language.net/spec.html, "Filters" and the state
 * types). Definitions are validated before they run (definition-validator.ts), so these types state
 * what a valid definition holds. Fields that JSONPath and JSONata spell differently are both here:
 * a state uses the ones of its query language.
 */
import type { Json } from './json.ts';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** A JSONata template (`{% … %}`) or a literal; in JSONPath always a literal. */
type Expr<T> = T | string;

interface StateBase {
  Comment?: string;
  QueryLanguage?: QueryLanguage;
}

/** Next or End. */
interface Transition {
  Next?: string;
  End?: boolean;
}

/** JSONPath's InputPath and OutputPath (null: an empty object). */
interface InputOutputPaths {
  InputPath?: string | null;
  OutputPath?: string | null;
}

interface ResultPaths {
  ResultPath?: string | null;
  /** JSONPath payload template applied to a task's, Map's or Parallel's result. */
  ResultSelector?: Json;
}

/** JSONPath's Parameters and JSONata's Arguments. */
interface Payload {
  Parameters?: Json;
  Arguments?: Json;
}

/** JSONata's Output and both languages' Assign. */
interface OutputAndAssign {
  Output?: Json;
  Assign?: Json;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher extends OutputAndAssign {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

interface ErrorHandling {
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface PassState extends StateBase, Transition, InputOutputPaths, OutputAndAssign {
  Type: 'Pass';
  Parameters?: Json;
  Result?: Json;
  ResultPath?: string | null;
}

export interface TaskState
  extends StateBase,
    Transition,
    InputOutputPaths,
    ResultPaths,
    Payload,
    OutputAndAssign,
    ErrorHandling {
  Type: 'Task';
  Resource: string;
  TimeoutSeconds?: Expr<number>;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: Expr<number>;
  HeartbeatSecondsPath?: string;
  Credentials?: Json;
}

export interface ChoiceRule extends OutputAndAssign {
  Next: string;
  /** JSONata: a boolean or a `{% … %}` condition. JSONPath rules carry their operators instead. */
  Condition?: Json;
  [operator: string]: unknown;
}

export interface ChoiceState extends StateBase, InputOutputPaths, OutputAndAssign {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

export interface WaitState extends StateBase, Transition, InputOutputPaths, OutputAndAssign {
  Type: 'Wait';
  Seconds?: Expr<number>;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

export interface SucceedState extends StateBase, InputOutputPaths, OutputAndAssign {
  Type: 'Succeed';
}

export interface FailState extends StateBase {
  Type: 'Fail';
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

/** The states of a Map's ItemProcessor or a Parallel's branch. */
export interface SubMachine {
  StartAt: string;
  States: Record<string, StateDefinition>;
  QueryLanguage?: QueryLanguage;
}

export interface MapState
  extends StateBase,
    Transition,
    InputOutputPaths,
    ResultPaths,
    OutputAndAssign,
    ErrorHandling {
  Type: 'Map';
  ItemProcessor?: SubMachine & {
    ProcessorConfig?: { Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: string };
  };
  /** The pre-2022 name of ItemProcessor. */
  Iterator?: SubMachine;
  Items?: Json;
  ItemsPath?: string;
  ItemSelector?: Json;
  /** The pre-2022 name of ItemSelector. */
  Parameters?: Json;
  MaxConcurrency?: Expr<number>;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: Expr<number>;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: Expr<number>;
  ToleratedFailurePercentagePath?: string;
}

export interface ParallelState
  extends StateBase,
    Transition,
    InputOutputPaths,
    ResultPaths,
    Payload,
    OutputAndAssign,
    ErrorHandling {
  Type: 'Parallel';
  Branches: SubMachine[];
}

export type StateDefinition =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | MapState
  | ParallelState;

export type StateType = StateDefinition['Type'];

export interface StateMachineDefinition extends SubMachine {
  TimeoutSeconds?: number;
  Comment?: string;
  Version?: string;
}

/** The fields a state may read its setting from: `X`, or in JSONPath `XPath`. */
export type NumericSetting =
  | 'TimeoutSeconds'
  | 'HeartbeatSeconds'
  | 'MaxConcurrency'
  | 'ToleratedFailureCount'
  | 'ToleratedFailurePercentage';

/** Where a state goes next: undefined when it ends its branch. */
export function nextOf(state: { Next?: string; End?: boolean }): string | undefined {
  return state.End === true ? undefined : state.Next;
}

/** Task, Map and Parallel carry State.RetryCount in their context object. */
export function isRetriable(state: StateDefinition): state is TaskState | MapState | ParallelState {
  return state.Type === 'Task' || state.Type === 'Map' || state.Type === 'Parallel';
}

/** The processor of a Map state, under either of its names. */
export function mapProcessor(state: MapState): NonNullable<MapState['ItemProcessor']> {
  return (state.ItemProcessor ?? state.Iterator) as NonNullable<MapState['ItemProcessor']>;
}

/** The data-flow fields a state may carry; each state type narrows which it has. */
export interface DataFlowFields {
  InputPath?: string | null;
  OutputPath?: string | null;
  Parameters?: Json;
  Arguments?: Json;
  ResultSelector?: Json;
  ResultPath?: string | null;
  Output?: Json;
  Assign?: Json;
}

export function dataFlowFields(state: StateDefinition): DataFlowFields {
  return state as DataFlowFields;
}

/** A setting by name (`Seconds`, `TimeoutSecondsPath`, …): the data flows read them generically. */
export function settingField(state: StateDefinition, name: string): unknown {
  return (state as unknown as Record<string, unknown>)[name];
}
