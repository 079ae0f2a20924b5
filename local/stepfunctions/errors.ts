/** A failure in the Amazon States Language sense: an error name and a cause, both strings as AWS reports them. */
export class StatesError extends Error {
  readonly error: string;
  readonly cause_: string | undefined;

  constructor(error: string, cause?: string) {
    super(cause ?? error);
    this.error = error;
    this.cause_ = cause;
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
