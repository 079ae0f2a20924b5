/**
 * The cases the engine is known to get wrong, pinned one by one (README.md, "Known failures"). A case
 * that fails and is not pinned fails the test; so does a pinned case that passes now (remove its pin),
 * or that differs elsewhere than its pin says (update the pin). Keep the lists exact.
 */

export interface Pin {
  /** Where the case is in cases.json; checked against `test` and `key`, so a reorder cannot move a pin. */
  index: number;
  /** The case's `test` from its class on: `TestClass::test_name[param]`. */
  test: string;
  key: string;
  /** What differs: the outcome's path, or the history's `<event type>.<field>` keys, sorted. */
  differs: string[];
  /** One line on what differs, for whoever fixes it. */
  reason: string;
}

/** Status, output, error or cause differ from the recording. */
export const OUTCOME_PINS: Pin[] = [
  {
    index: 264,
    test: 'TestSnfBase::test_query_context_object_values',
    key: 'get_execution_history',
    differs: ['$.query_values_1.context_object.Execution.StartTime'],
    reason:
      "$$.Execution.StartTime (and State.EnteredTime): the recording holds LocalStack's 'start-time' " +
      "('entered-time'), which the README's placeholders do not cover; ours is the real time",
  },
];

// The causes of the history pins; "points at" is the event's previousEventId.
const ITERATION_STARTED =
  'each MapIterationStarted after the first points at the MapIterationSucceeded, AWS at the event before it';
const MAP_EXITED = 'MapStateExited points at the MapStateSucceeded, AWS at the event before it';
const DISTRIBUTED_MAP_EXITED =
  'MapStateExited (distributed Map) points at the MapStateSucceeded, AWS at the MapRunStarted';
const MAP_FAILED = 'MapStateFailed points at the MapIterationFailed, AWS at the event before it';
const MAP_RETRY_STARTED =
  "a retry's MapStateStarted points at the MapIterationFailed, AWS at the event before it";
const EVALUATION_FAILED =
  "EvaluationFailed points at the failing state's StateEntered, AWS repeats that event's previousEventId";
const NO_PARALLEL_SUCCEEDED =
  'no ParallelStateSucceeded (AWS: id 12, which LocalStack dropped from the recording when sorting the ' +
  'branches), so ParallelStateExited and every later id is one short';
const BRANCH_START =
  'the first event of a Parallel branch points at the ParallelStateEntered (on a retry: at the previous ' +
  "attempt's event), AWS at that attempt's ParallelStateStarted";
const CONTEXT_TIMES =
  "Execution.StartTime and State.EnteredTime in inputs and outputs, as the outcome pin: LocalStack's " +
  "'start-time' and 'entered-time' in the recording";
const both = (...reasons: string[]) => reasons.join('; ');

/** The GetExecutionHistory events differ from the recording. */
export const HISTORY_PINS: Pin[] = [
  {
    index: 4,
    test: 'TestBaseEvaluateJsonata::test_base_map[ITEMS]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 5,
    test: 'TestBaseEvaluateJsonata::test_base_map[ITEMS_DOUBLE_QUOTES]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 6,
    test: 'TestBaseEvaluateJsonata::test_base_map[MAX_CONCURRENCY]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 7,
    test: 'TestBaseEvaluateJsonata::test_base_map[TOLERATED_FAILURE_COUNT]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 8,
    test: 'TestBaseEvaluateJsonata::test_base_map_from_input[ITEMS]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 145,
    test: 'TestBaseScenarios::test_map_state_break_condition',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateFailed.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_FAILED),
  },
  {
    index: 146,
    test: 'TestBaseScenarios::test_map_state',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 147,
    test: 'TestBaseScenarios::test_map_state_catch',
    key: 'get_execution_history',
    differs: ['MapStateFailed.previousEventId'],
    reason: MAP_FAILED,
  },
  {
    index: 148,
    test: 'TestBaseScenarios::test_map_state_legacy',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 149,
    test: 'TestBaseScenarios::test_map_state_break_condition_legacy',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateFailed.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_FAILED),
  },
  {
    index: 150,
    test: 'TestBaseScenarios::test_map_state_parameters_legacy',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 151,
    test: 'TestBaseScenarios::test_map_state_retry_legacy',
    key: 'get_execution_history',
    differs: ['MapStateFailed.previousEventId', 'MapStateStarted.previousEventId'],
    reason: both(MAP_FAILED, MAP_RETRY_STARTED),
  },
  {
    index: 152,
    test: 'TestBaseScenarios::test_parallel_state_order',
    key: 'get_execution_history',
    differs: ['ExecutionSucceeded.id', 'ExecutionSucceeded.previousEventId', 'ParallelStateExited.id'],
    reason: NO_PARALLEL_SUCCEEDED,
  },
  {
    index: 153,
    test: 'TestBaseScenarios::test_parallel_state_retry',
    key: 'get_execution_history',
    differs: ['FailStateEntered.previousEventId'],
    reason: BRANCH_START,
  },
  {
    index: 154,
    test: 'TestBaseScenarios::test_max_concurrency_path[1]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 156,
    test: 'TestBaseScenarios::test_map_state_config_distributed_reentrant',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 157,
    test: 'TestBaseScenarios::test_map_state_legacy_reentrant',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 159,
    test: 'TestBaseScenarios::test_map_state_tolerated_failure_count_path[0]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 160,
    test: 'TestBaseScenarios::test_map_state_tolerated_failure_count_path[1]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 165,
    test: 'TestBaseScenarios::test_map_state_tolerated_failure_percentage_path[0]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 166,
    test: 'TestBaseScenarios::test_map_state_tolerated_failure_percentage_path[1]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 167,
    test: 'TestBaseScenarios::test_map_state_tolerated_failure_percentage_path[100]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 181,
    test: 'TestBaseScenarios::test_map_state_config_distributed_item_selector_parameters',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: DISTRIBUTED_MAP_EXITED,
  },
  {
    index: 182,
    test: 'TestBaseScenarios::test_map_state_item_selector_parameters',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 183,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata_fail[boolean]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 184,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata_fail[object]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 185,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata_fail[null]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 186,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata_variable_sampling_fail[number]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 187,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata_variable_sampling_fail[string]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 188,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata_variable_sampling_fail[boolean]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 189,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata_variable_sampling_fail[null]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 190,
    test: 'TestBaseScenarios::test_map_state_items_input_types[number]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 191,
    test: 'TestBaseScenarios::test_map_state_items_input_types[string]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 192,
    test: 'TestBaseScenarios::test_map_state_items_input_types[boolean]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 193,
    test: 'TestBaseScenarios::test_map_state_items_input_types[object]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 194,
    test: 'TestBaseScenarios::test_map_state_items_input_types[null]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 195,
    test: 'TestBaseScenarios::test_map_state_items_input_array[singleton]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 196,
    test: 'TestBaseScenarios::test_map_state_items_input_array[mixed]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 197,
    test: 'TestBaseScenarios::test_map_state_items_variable_sampling[string]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 198,
    test: 'TestBaseScenarios::test_map_state_items_variable_sampling[boolean]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 199,
    test: 'TestBaseScenarios::test_map_state_items_variable_sampling[object]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 200,
    test: 'TestBaseScenarios::test_map_state_items_variable_sampling[null]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 201,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata[empty]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 202,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata[singleton]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: MAP_EXITED,
  },
  {
    index: 203,
    test: 'TestBaseScenarios::test_map_state_items_eval_jsonata[mixed]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 215,
    test: 'TestBaseScenarios::test_map_state_item_selector[MAP_STATE_ITEM_SELECTOR]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 216,
    test: 'TestBaseScenarios::test_map_state_item_selector[MAP_STATE_ITEM_SELECTOR_JSONATA]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 244,
    test: 'TestAssignReferenceVariables::test_reference_in_map_state[MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 245,
    test: 'TestAssignReferenceVariables::test_reference_in_map_state[MAP_STATE_REFERENCE_IN_ITEMS_PATH]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 246,
    test: 'TestAssignReferenceVariables::test_reference_in_map_state[MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH]',
    key: 'get_execution_history',
    differs: ['MapIterationStarted.previousEventId', 'MapStateExited.previousEventId'],
    reason: both(ITERATION_STARTED, MAP_EXITED),
  },
  {
    index: 247,
    test: 'TestAssignReferenceVariables::test_reference_in_map_state[MAP_STATE_REFERENCE_IN_TOLERATED_FAILURE_PATH]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: DISTRIBUTED_MAP_EXITED,
  },
  {
    index: 248,
    test: 'TestAssignReferenceVariables::test_reference_in_map_state[MAP_STATE_REFERENCE_IN_ITEM_SELECTOR]',
    key: 'get_execution_history',
    differs: ['MapStateExited.previousEventId'],
    reason: DISTRIBUTED_MAP_EXITED,
  },
  {
    index: 249,
    test: 'TestAssignReferenceVariables::test_undefined_reference[BASE_UNDEFINED_OUTPUT]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 250,
    test: 'TestAssignReferenceVariables::test_undefined_reference[BASE_UNDEFINED_OUTPUT_FIELD]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 251,
    test: 'TestAssignReferenceVariables::test_undefined_reference[BASE_UNDEFINED_OUTPUT_MULTIPLE_STATES]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 252,
    test: 'TestAssignReferenceVariables::test_undefined_reference[BASE_UNDEFINED_ASSIGN]',
    key: 'get_execution_history',
    differs: ['EvaluationFailed.previousEventId'],
    reason: EVALUATION_FAILED,
  },
  {
    index: 264,
    test: 'TestSnfBase::test_query_context_object_values',
    key: 'get_execution_history',
    differs: [
      'ExecutionSucceeded.executionSucceededEventDetails.output',
      'PassStateEntered.stateEnteredEventDetails.input',
      'PassStateExited.stateExitedEventDetails.output',
    ],
    reason: CONTEXT_TIMES,
  },
];
