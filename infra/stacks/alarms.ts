/** Alarms → an encrypted topic (optionally an email subscription). */
import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  emailsDeadLettered,
  emailsFailed,
  HUMAN_STEPS,
  humanStepsPastDue,
  humanStepsWaiting,
} from '../constructs/custom-metrics.ts';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import { handlerConstructId, pascalName } from '../handlers.ts';
import type { DeploymentSettings } from '../settings.ts';
import { acknowledge } from './nag-acknowledgements.ts';

export interface AlarmSources {
  functions: ReadonlyMap<string, HandlerFunction>;
  stateMachines: ReadonlyMap<string, sfn.StateMachine>;
  deadLetterQueue: sqs.Queue;
  httpApi: apigw.HttpApi | undefined;
}

/**
 * The alarm topic, and alarms on each function's errors and throttles, each state machine's failed
 * and timed-out executions, the dead-letter queue's depth, the API's 5xx responses, and the
 * service's own metrics: failed emails, past-due human steps, and queue counts gone missing.
 */
export function createAlarms(
  stack: Stack,
  settings: DeploymentSettings,
  { functions, stateMachines, deadLetterQueue, httpApi }: AlarmSources,
): sns.Topic {
  const alarmKey = new kms.Key(stack, 'AlarmTopicKey', {
    description: 'ICP registration: alarm topic',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  alarmKey.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
  const alarmTopic = new sns.Topic(stack, 'AlarmTopic', { masterKey: alarmKey, enforceSSL: true });
  if (settings.alarmEmail)
    alarmTopic.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail));
  acknowledge(alarmTopic, {
    'Serverless-SNSRedrivePolicy':
      'Alarm notifications go to people by email; a lost notification is still visible as the alarm state in CloudWatch.',
  });
  const action = new cwActions.SnsAction(alarmTopic);
  const alarm = (id: string, metric: cloudwatch.IMetric, threshold = 1) => {
    const created = new cloudwatch.Alarm(stack, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    return created;
  };
  const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
  for (const [entry, handler] of functions) {
    const id = handlerConstructId({ entry });
    alarm(`${id}ErrorsAlarm`, handler.function.metricErrors(fiveMinutes));
    alarm(`${id}ThrottlesAlarm`, handler.function.metricThrottles(fiveMinutes));
  }
  for (const [name, machine] of stateMachines) {
    alarm(`${pascalName(name)}FailedAlarm`, machine.metricFailed(fiveMinutes));
    alarm(`${pascalName(name)}TimedOutAlarm`, machine.metricTimedOut(fiveMinutes));
  }
  alarm(
    'DeadLetterQueueAlarm',
    deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    }),
  );
  if (httpApi) alarm('HttpApi5xxAlarm', httpApi.metricServerError(fiveMinutes), 5);
  // Any failed attempt in 5 minutes: the outbox retries it for a day, but the relay is in trouble now
  // and emails are late (docs/email-outbox.md).
  alarm('EmailsFailedAlarm', emailsFailed());
  // An email that failed its last attempt: it is FAILED on its case until an officer sends it again.
  alarm('EmailsDeadLetteredAlarm', emailsDeadLettered());
  createQueueAlarms(stack, action);
  return alarmTopic;
}

/**
 * One alarm per human step when any of its cases is past due, rather than one metric-math alarm over
 * all steps: the notification names the queue that is late, each queue goes back to OK on its own,
 * and a second queue falling behind notifies again instead of hiding under an alarm already firing.
 * The counts are gauges published every run, zeros included; while none arrive an alarm keeps its
 * state (IGNORE) instead of passing for OK, and the missing-data alarm says the counting stopped.
 */
function createQueueAlarms(stack: Stack, action: cwActions.SnsAction): void {
  for (const step of HUMAN_STEPS) {
    const pastDue = new cloudwatch.Alarm(stack, `HumanStepsPastDue${pascalName(step.toLowerCase())}Alarm`, {
      alarmDescription: `Cases waiting on ${step} past their due date (docs/operations.md, "Read the dashboard").`,
      metric: humanStepsPastDue(step, { statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });
    pastDue.addAlarmAction(action);
  }
  // Every run publishes every step, so one step's samples stand for the run.
  const [firstStep] = HUMAN_STEPS;
  if (!firstStep) return;
  const missing = new cloudwatch.Alarm(stack, 'QueueMetricsMissingAlarm', {
    alarmDescription:
      'No queue counts for an hour: the queue-metrics schedule or function is not running, and the past-due alarms cannot change state (docs/operations.md).',
    metric: humanStepsWaiting(firstStep, { statistic: 'SampleCount', period: Duration.hours(1) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  });
  missing.addAlarmAction(action);
}
