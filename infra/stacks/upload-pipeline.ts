import { Duration, type Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import { type HandlerSpec, handlerConstructId } from '../handlers.ts';
import { UPLOAD_PREFIX } from '../settings.ts';

/**
 * The upload rule: S3 Object Created under the uploads prefix → the on-upload handler. Returns the
 * rules (the dashboard graphs their failed deliveries).
 *
 * Two failure kinds, one path each into the dead-letter queue (docs/operations.md):
 * - EventBridge could not hand the event to Lambda (no permission, function missing, Invoke
 *   throttled past the target's retries): the target's dead-letter queue, the event as body.
 * - Lambda accepted it (EventBridge invokes asynchronously, and is done then) but every attempt
 *   failed, or it waited past maxEventAge (reserved concurrency): the function's on-failure
 *   destination, an invocation record with the error and the event under `requestPayload`.
 * A function-level DeadLetterConfig would catch exactly that second kind again, so Lambda would
 * write every failed upload twice (it sends to both when both are set); the function has none.
 */
export function createUploadPipeline(
  stack: Stack,
  handlers: readonly HandlerSpec[],
  functions: ReadonlyMap<string, HandlerFunction>,
  bucketName: string,
  deadLetterQueue: sqs.IQueue,
): events.Rule[] {
  const rules: events.Rule[] = [];
  for (const spec of handlers.filter((h) => h.trigger === 'uploads-created')) {
    const handler = functions.get(spec.entry) as HandlerFunction;
    const rule = new events.Rule(stack, `${handlerConstructId(spec)}Rule`, {
      description: `S3 Object Created under ${UPLOAD_PREFIX} → ${spec.entry}`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [bucketName] },
          object: { key: [{ prefix: UPLOAD_PREFIX }] },
        },
      },
      targets: [
        new targets.LambdaFunction(handler.function, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: deadLetterQueue,
        }),
      ],
    });
    rules.push(rule);
    handler.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(deadLetterQueue),
    });
  }
  return rules;
}
