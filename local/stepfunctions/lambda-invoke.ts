/**
 * Invoking a local Lambda handler as Step Functions does: the `lambda:invoke` integration (request
 * `{FunctionName, Payload}`, result shaped like AWS's with `Payload` and the SDK metadata) or a
 * plain function ARN (result = the handler's return value). A handler that throws fails the task
 * with error = the thrown error's name and cause = `{"errorType","errorMessage","trace"}`, as Lambda
 * reports it.
 */
import { randomUUID } from 'node:crypto';
import { ErrorNames, StatesError } from './errors.ts';
import type { LambdaContext, RunHost } from './host.ts';
import { isObject, type Json } from './json.ts';
import type { ResourceTarget } from './task-resource.ts';

export async function invokeLambda(
  host: RunHost,
  target: ResourceTarget,
  params: Json,
  /** When the task times out (the handler's remaining time), if it has a timeout. */
  deadline: number | undefined,
  /** For the message of an unsupported resource. */
  where: string,
): Promise<Json> {
  let functionName: string;
  let payload: Json;
  if (target.kind === 'lambda-arn') {
    functionName = target.functionName;
    payload = params;
  } else if (target.kind === 'lambda-invoke') {
    if (!isObject(params) || typeof params.FunctionName !== 'string')
      throw new StatesError(ErrorNames.Runtime, 'The field "FunctionName" is required for lambda:invoke');
    functionName = params.FunctionName;
    payload = params.Payload === undefined ? null : (params.Payload as Json);
  } else {
    throw new StatesError(
      ErrorNames.Runtime,
      `An error occurred while executing the state ${where}. The resource '${target.resource}' is not supported by the local engine.`,
    );
  }
  const found = host.resolveHandler(functionName);
  const requestId = randomUUID();
  if (!found) {
    const arn = functionName.startsWith('arn:')
      ? functionName
      : `arn:${host.partition}:lambda:${host.region}:${host.accountId}:function:${functionName}`;
    throw new StatesError(
      'Lambda.ResourceNotFoundException',
      `Function not found: ${arn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${requestId}; Proxy: null)`,
    );
  }
  const clock = host.clock;
  const context: LambdaContext = {
    functionName: found.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: found.arn,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${found.name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, (deadline ?? clock.now() + 900_000) - clock.now()),
  };
  let result: unknown;
  try {
    // Lambda sees a JSON copy: a handler can never mutate the execution's state.
    result = await found.handler(JSON.parse(JSON.stringify(payload)) as Json, context);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const errorType = e.name || 'Error';
    const cause = JSON.stringify({ errorType, errorMessage: e.message, trace: (e.stack ?? '').split('\n') });
    throw new StatesError(errorType, cause);
  }
  const plain = (result === undefined ? null : JSON.parse(JSON.stringify(result))) as Json;
  if (target.kind === 'lambda-arn') return plain;
  return invokeResponse(plain, requestId, new Date(clock.now()).toUTCString());
}

/** The `lambda:invoke` integration's result: the payload and the SDK's response metadata. */
function invokeResponse(payload: Json, requestId: string, date: string): Json {
  const length = String(JSON.stringify(payload).length);
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'X-Amz-Executed-Version': ['$LATEST'],
        'x-amzn-Remapped-Content-Length': ['0'],
        Connection: ['keep-alive'],
        'x-amzn-RequestId': [requestId],
        'Content-Length': [length],
        Date: [date],
        'Content-Type': ['application/json'],
      },
      HttpHeaders: {
        Connection: 'keep-alive',
        'Content-Length': length,
        'Content-Type': 'application/json',
        Date: date,
        'X-Amz-Executed-Version': '$LATEST',
        'x-amzn-Remapped-Content-Length': '0',
        'x-amzn-RequestId': requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
