/**
 * Errors in the Amazon States Language sense. A `StatesError` is a failure a state can raise: Retry
 * and Catch match it by name. `Cancelled` is not a failure of the state: its scope was stopped (the
 * execution was stopped, or a sibling Parallel branch or Map iteration failed), so it unwinds
 * without Retry or Catch and records nothing.
 */
export class StatesError extends Error {
  readonly error: string;
  readonly cause_: string | undefined;

  constructor(error: string, cause?: string) {
    super(cause ?? error);
    this.error = error;
    this.cause_ = cause;
  }

  /**
   * Whether `States.ALL` matches this error. AWS: "States.ALL ... does not match States.Runtime
   * or States.DataLimitExceeded" — these terminate the execution unless a retrier or catcher
   * names them (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
   */
  get matchedByAll(): boolean {
    return this.error !== ErrorNames.Runtime && this.error !== ErrorNames.DataLimitExceeded;
  }

  /** Whether an `ErrorEquals` list of a retrier or catcher matches this error. */
  matches(errorEquals: readonly string[]): boolean {
    for (const name of errorEquals) {
      if (name === this.error) return true;
      if (name === ErrorNames.ALL && this.matchedByAll) return true;
      // States.TaskFailed matches every task error except a timeout and the States.* ones.
      if (
        name === ErrorNames.TaskFailed &&
        this.error !== ErrorNames.Timeout &&
        !this.error.startsWith('States.')
      )
        return true;
    }
    return false;
  }
}

export const ErrorNames = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  QueryEvaluationError: 'States.QueryEvaluationError',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Permissions: 'States.Permissions',
} as const;

/** Error raised while evaluating a field; the interpreter prefixes it with the state's name and entry event. */
export class FieldError extends StatesError {
  /** JSONata failures are reported in an EvaluationFailed event with this location (e.g. `Output/result`). */
  readonly location: string | undefined;
  constructor(error: string, cause: string, location?: string) {
    super(error, cause);
    this.location = location;
  }
}

/** Fail states carry optional error and cause; both may be absent on AWS. */
export class FailStateError extends StatesError {
  readonly missingError: boolean;
  constructor(error?: string, cause?: string) {
    super(error ?? '', cause);
    this.missingError = error === undefined;
  }
}

/** The scope a branch runs in was stopped: not a failure, never retried or caught. */
export class Cancelled extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Any thrown value as the StatesError a state reports. */
export function asStatesError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  return new StatesError(ErrorNames.Runtime, err instanceof Error ? err.message : String(err));
}
