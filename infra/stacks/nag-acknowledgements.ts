/** cdk-nag findings the stateless stack carries by design, each acknowledged with its reason. */
import { Validations } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import type { HandlerSpec } from '../handlers.ts';
import type { DeploymentSettings } from '../settings.ts';

export function acknowledge(construct: Construct, rules: Record<string, string>): void {
  for (const [id, reason] of Object.entries(rules)) Validations.of(construct).acknowledge({ id, reason });
}

export const RUNTIME_PINNED =
  'The runtime is pinned to nodejs22.x by the project (issue 8, ARCHITECTURE.md); moving to a newer Node line is a deliberate upgrade, not a rule default.';

/** The findings every handler function carries by design, each with its reason. */
export function acknowledgeFunction(
  handler: HandlerFunction,
  spec: HandlerSpec,
  settings: DeploymentSettings,
): void {
  const rules: Record<string, string> = {
    'AwsSolutions-L1': RUNTIME_PINNED,
    'Serverless-LambdaLatestVersion': RUNTIME_PINNED,
  };
  if (spec.trigger === 'schedule') {
    const redoneNext =
      'Invoked on a schedule (infra/stacks/scheduled-rules.ts): a failed run is redone by the next one and raises the function Errors alarm; a dead-letter message would hold nothing to redrive.';
    rules['Serverless-LambdaDLQ'] = redoneNext;
    rules['Serverless-LambdaAsyncFailureDestination'] = redoneNext;
  } else if (spec.trigger !== 'uploads-created') {
    rules['Serverless-LambdaDLQ'] =
      'Invoked synchronously (by the HTTP API or by Step Functions, which retries and catches); a dead-letter queue only applies to asynchronous invocations.';
  } else {
    rules['Serverless-LambdaDLQ'] =
      'Failed asynchronous invocations go to the on-failure destination (the same dead-letter queue, with the error in the record); a DeadLetterConfig as well would make Lambda write each failure twice.';
  }
  if (settings.isChina) {
    rules['Serverless-LambdaTracing'] =
      'X-Ray is not used in the China partition (issue 8); logs carry the request ids.';
  } else {
    rules['AwsSolutions-IAM5[Resource::*]'] =
      'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.';
  }
  const objects: string[] = [];
  for (const prefix of new Set([
    ...(spec.bucket?.read ?? []),
    ...(spec.bucket?.write ?? []),
    ...(spec.bucket?.delete ?? []),
  ])) {
    objects.push(prefix);
  }
  for (const prefix of objects) {
    rules[`AwsSolutions-IAM5[Resource::${settings.prefix}-UploadsBucketArn/${prefix}*]`] =
      `Object keys under ${prefix} are chosen per case and document at run time; access is limited to that prefix of the one uploads bucket.`;
  }
  acknowledge(handler, rules);
}

/** The findings of a schedule rule (infra/stacks/scheduled-rules.ts). */
export function acknowledgeScheduleRule(rule: events.Rule): void {
  acknowledge(rule, {
    'Serverless-EventBusDLQ':
      'A scheduled event carries nothing to redrive: the next run, one interval later, does the same work on fresh data. Runs that never start show as the missing-queue-metrics alarm.',
  });
}

export function acknowledgeStateMachine(machine: sfn.StateMachine, tracing: boolean): void {
  const rules: Record<string, string> = {
    'AwsSolutions-IAM5[Resource::*]':
      'CloudWatch Logs delivery (logs:CreateLogDelivery …) and X-Ray actions do not support resource-level permissions; CDK adds exactly those.',
  };
  if (!tracing) {
    rules['AwsSolutions-SF2'] = 'X-Ray is not used in the China partition (issue 8).';
    rules['Serverless-StepFunctionStateMachineXray'] = 'X-Ray is not used in the China partition (issue 8).';
  }
  acknowledge(machine, rules);
}
