/**
 * AWS's limits on API requests, enforced with the errors AWS returns for them.
 *
 * Sources (AWS Step Functions documentation):
 * - Service quotas, https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html:
 *   "Maximum input or output size for a task, state, or execution: 256 KiB" (UTF-8 bytes),
 *   "Maximum size of a state machine definition: 1 MB" and "Maximum request size: 1 MB per request
 *   (the total data size per Step Functions API request, including the request header)", all hard.
 * - API reference, https://docs.aws.amazon.com/step-functions/latest/apireference/API_<Operation>.html:
 *   the members' length constraints below (StartExecution/StartSyncExecution `input` ≤ 262144,
 *   CreateStateMachine/UpdateStateMachine/ValidateStateMachineDefinition `definition` 1..1048576,
 *   SendTaskSuccess `output` ≤ 262144, SendTaskFailure/StopExecution `error` ≤ 256 and `cause` ≤
 *   32768, `taskToken` 1..2048, names 1..80), each "expressed as bytes in UTF-8 encoding" for JSON
 *   payloads. A request breaking a member constraint is refused before the operation runs, with
 *   `ValidationException` ("1 validation error detected: Value at 'input' failed to satisfy
 *   constraint: Member must have length less than or equal to 262144"), the error every operation
 *   lists for it; the operation's own errors (`InvalidExecutionInput`, `InvalidOutput`,
 *   `InvalidDefinition`, `InvalidName`, `InvalidToken`) are for content that fits but is not valid.
 */
import type { Json } from '../json.ts';
import { ApiError, type InputOf, type OperationName } from './wire.ts';

/** 256 KiB: execution input, task output (quotas page; `input`/`output` max length 262144). */
export const MAX_PAYLOAD_BYTES = 262_144;
/** 1 MiB: a state machine definition (`definition` max length 1048576). */
export const MAX_DEFINITION_BYTES = 1_048_576;
/**
 * The request body bound of api-server.ts. AWS caps a whole request, headers included, at 1 MB, so
 * no legal body exceeds 1 MiB; the extra 64 KiB keeps any request AWS would accept clear of the
 * bound however its "1 MB" is counted (10^6 or 2^20, headers in or out), while a body is never
 * held beyond ~1 MiB. Bodies over it are refused before they are read (HTTP 413).
 */
export const MAX_REQUEST_BODY_BYTES = MAX_DEFINITION_BYTES + 64 * 1024;
/**
 * The deepest nesting of arrays/objects accepted in a JSON payload (execution input, task output).
 * Not an AWS quota: the interpreter, the history and the journal walk values recursively, and near
 * 5,000 levels the stack runs out (JSON.stringify of the journal record first); 1,000 is far above
 * real documents (tens of levels) and a Pass + Task machine runs an input nested exactly this deep
 * (test/engine/deep-input.test.ts), so the limit sits well inside what the engine can carry.
 */
export const MAX_JSON_DEPTH = 1_000;

interface FieldRule {
  type: 'string' | 'number' | 'boolean';
  required?: true;
  min?: number;
  max?: number;
  /** Length counted in UTF-8 bytes (JSON payloads and definitions), not characters. */
  bytes?: true;
}

type Rules<K extends OperationName> = { [F in keyof InputOf<K>]?: FieldRule };

const str = (min: number, max: number, extra: Partial<FieldRule> = {}): FieldRule => ({
  type: 'string',
  min,
  max,
  ...extra,
});
const required = { required: true } as const;
const payload = str(0, MAX_PAYLOAD_BYTES, { bytes: true });
const definition = str(1, MAX_DEFINITION_BYTES, { bytes: true, required: true });
const name = str(1, 80);
const arn = (extra: Partial<FieldRule> = {}) => str(1, 2048, extra);
const error = str(0, 256);
const cause = str(0, 32_768);
const taskToken = str(1, 2048, required);
const maxResults: FieldRule = { type: 'number', min: 0, max: 1000 };
const nextToken = str(1, 1024);

/** Each operation's member constraints (from its API reference page), checked before it runs. */
const RULES: { [K in OperationName]: Rules<K> } = {
  CreateStateMachine: { name: { ...name, required: true }, definition, roleArn: arn(required) },
  UpdateStateMachine: {
    stateMachineArn: arn(required),
    definition: { ...definition, required: undefined },
    roleArn: arn(),
  },
  DescribeStateMachine: { stateMachineArn: arn(required) },
  ListStateMachines: { maxResults, nextToken },
  DeleteStateMachine: { stateMachineArn: arn(required) },
  ValidateStateMachineDefinition: { definition, maxResults },
  StartExecution: { stateMachineArn: arn(required), name, input: payload, traceHeader: str(0, 256) },
  StartSyncExecution: {
    stateMachineArn: arn(required),
    name,
    input: payload,
    traceHeader: str(0, 256),
  },
  DescribeExecution: { executionArn: arn(required) },
  ListExecutions: { stateMachineArn: arn(), maxResults, nextToken, statusFilter: str(1, 64) },
  GetExecutionHistory: {
    executionArn: arn(required),
    maxResults,
    nextToken,
    reverseOrder: { type: 'boolean' },
    includeExecutionData: { type: 'boolean' },
  },
  StopExecution: { executionArn: arn(required), error, cause },
  SendTaskSuccess: { taskToken, output: { ...payload, required: true } },
  SendTaskFailure: { taskToken, error, cause },
  SendTaskHeartbeat: { taskToken },
  TagResource: { resourceArn: arn(required) },
  ListTagsForResource: { resourceArn: arn(required) },
  TestState: {
    definition,
    roleArn: arn(),
    input: payload,
    variables: payload,
    context: payload,
    stateName: name,
  },
};

/**
 * Checks a request against its operation's member constraints and returns it typed. Wrong JSON
 * types are a `SerializationException` (the protocol cannot read them); constraint violations are
 * one `ValidationException` listing them all, in AWS's wording.
 */
export function checkRequest<K extends OperationName>(operation: K, request: unknown): InputOf<K> {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    throw new ApiError('SerializationException', 'The request body must be a JSON object');
  const values = request as Record<string, unknown>;
  const violations: string[] = [];
  for (const [field, rule] of Object.entries(RULES[operation] as Record<string, FieldRule>)) {
    const v = values[field];
    if (v === undefined || v === null) {
      if (rule.required)
        violations.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (typeof v !== rule.type)
      throw new ApiError('SerializationException', `Value at '${field}' must be a ${rule.type}`);
    if (rule.type === 'string') {
      const length = rule.bytes ? Buffer.byteLength(v as string, 'utf8') : (v as string).length;
      if (rule.max !== undefined && length > rule.max)
        violations.push(
          `Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
        );
      else if (rule.min !== undefined && length < rule.min)
        violations.push(
          `Value at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`,
        );
    } else if (rule.type === 'number') {
      if (rule.max !== undefined && (v as number) > rule.max)
        violations.push(
          `Value '${v}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${rule.max}`,
        );
      else if (rule.min !== undefined && (v as number) < rule.min)
        violations.push(
          `Value '${v}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${rule.min}`,
        );
    }
  }
  if (violations.length > 0)
    throw new ApiError(
      'ValidationException',
      `${violations.length} validation error${violations.length > 1 ? 's' : ''} detected: ${violations.join('; ')}`,
    );
  return request as InputOf<K>;
}

/**
 * Whether a JSON text nests arrays/objects deeper than `limit`, found by one scan of the text (no
 * recursion, no parse), so a hostile payload is refused before anything is built from it.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Parses a JSON payload (execution input, task output) within the depth limit; `errorType` is the
 * operation's error for content that is not acceptable JSON (`InvalidExecutionInput`, `InvalidOutput`).
 */
export function parsePayload(text: string, errorType: string, what: string): Json {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    throw new ApiError(
      errorType,
      `Invalid ${what}: JSON nested deeper than ${MAX_JSON_DEPTH} levels (the engine's nesting depth limit)`,
    );
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new ApiError(errorType, `Invalid ${what}: not valid JSON`);
  }
}
