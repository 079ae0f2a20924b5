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
 * and timed-out executions, the dead-letter queue's depth and the API's 5xx responses.
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
  return alarmTopic;
}
