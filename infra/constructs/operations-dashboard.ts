import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { HumanStep } from '#domain/case-status';
import {
  emailsDeadLettered,
  emailsFailed,
  HUMAN_STEPS,
  humanStepsPastDue,
  humanStepsWaiting,
} from './custom-metrics.ts';

export interface DashboardFunction {
  /** Legend name, e.g. `on-upload`. */
  label: string;
  function: lambda.IFunction;
  /** Its reserved concurrency, drawn as the ceiling of its concurrency graph. */
  reservedConcurrency?: number;
}

export interface OperationsDashboardProps {
  dashboardName: string;
  /** Case state machines by name. */
  stateMachines: ReadonlyMap<string, sfn.IStateMachine>;
  functions: DashboardFunction[];
  httpApi?: apigw.IHttpApi;
  deadLetterQueue: sqs.IQueue;
  /** Rules whose undeliverable events go to the dead-letter queue. */
  deadLetterRules?: events.IRule[];
}

const FIVE_MINUTES = Duration.minutes(5);
const sum = { period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM };
const p99 = { period: FIVE_MINUTES, statistic: cloudwatch.Stats.p(99) };
const maximum = { period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM };

/**
 * One CloudWatch dashboard for the people running the service: from the metrics AWS publishes by
 * itself, the case executions, every function's errors, p99 duration and throttles, the API's
 * 4xx/5xx and latency, and what sits in the dead-letter queue; from the service's own metrics
 * (./custom-metrics.ts, no agent), the human steps waiting and past due, and failed emails. How to
 * read it is in docs/operations.md.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
    });
    const d = this.dashboard;

    d.addWidgets(
      new cloudwatch.TextWidget({
        width: 24,
        height: 2,
        markdown: [
          '## ICP registration: operations',
          'Alarms (to the alarm topic): function errors and throttles, failed or timed-out executions, API 5xx, a message in the dead-letter queue, a failed email, a human step past due, queue counts missing. Runbook: `docs/operations.md`.',
        ].join('\n'),
      }),
    );

    // Cases: one execution per case, so started ≈ cases opened and succeeded ≈ cases closed.
    const machines = [...props.stateMachines];
    const machineWidth = Math.max(8, Math.floor(24 / Math.max(1, machines.length)));
    d.addWidgets(
      ...machines.map(
        ([name, machine]) =>
          new cloudwatch.GraphWidget({
            title: `Case executions: ${name}`,
            width: machineWidth,
            left: [
              machine.metricStarted({ ...sum, label: 'started' }),
              machine.metricSucceeded({ ...sum, label: 'succeeded' }),
            ],
            right: [
              machine.metricFailed({ ...sum, label: 'failed' }),
              machine.metricTimedOut({ ...sum, label: 'timed out' }),
              machine.metricAborted({ ...sum, label: 'aborted' }),
            ],
            rightYAxis: { min: 0, label: 'failed / timed out / aborted', showUnits: false },
            leftYAxis: { min: 0, showUnits: false },
          }),
      ),
    );

    // People's work: how many cases wait on each human step, how many of them are late, and the
    // emails that did not go out (the service's own metrics).
    const perStep = (metric: (step: HumanStep) => cloudwatch.IMetric) => HUMAN_STEPS.map(metric);
    d.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Human steps waiting, by step',
        width: 8,
        left: perStep((step) =>
          humanStepsWaiting(step, { statistic: cloudwatch.Stats.MAXIMUM, label: step }),
        ),
        leftYAxis: { min: 0, showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Human steps past due, by step',
        width: 8,
        left: perStep((step) =>
          humanStepsPastDue(step, { statistic: cloudwatch.Stats.MAXIMUM, label: step }),
        ),
        leftYAxis: { min: 0, showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Emails failed (sum / 5 min)',
        width: 8,
        left: [
          emailsFailed({ label: 'failed attempts (retried)' }),
          emailsDeadLettered({ label: 'dead-lettered (FAILED on the case)' }),
        ],
        leftYAxis: { min: 0, showUnits: false },
      }),
    );

    const perFunction = (metric: (fn: DashboardFunction) => cloudwatch.IMetric) =>
      props.functions.map(metric);
    d.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lambda errors (sum / 5 min)',
        width: 8,
        left: perFunction((f) => f.function.metricErrors({ ...sum, label: f.label })),
        leftYAxis: { min: 0, showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p99 (ms)',
        width: 8,
        left: perFunction((f) => f.function.metricDuration({ ...p99, label: f.label })),
        leftYAxis: { min: 0, showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda throttles (sum / 5 min)',
        width: 8,
        left: perFunction((f) => f.function.metricThrottles({ ...sum, label: f.label })),
        leftYAxis: { min: 0, showUnits: false },
      }),
    );

    // A function at its reserved concurrency throttles by design: its asynchronous events wait.
    const reserved = props.functions.filter((f) => f.reservedConcurrency !== undefined);
    if (reserved.length > 0) {
      d.addWidgets(
        ...reserved.map(
          (f) =>
            new cloudwatch.GraphWidget({
              title: `${f.label}: concurrent executions (reserved ${f.reservedConcurrency})`,
              width: Math.max(8, Math.floor(24 / reserved.length)),
              left: [f.function.metric('ConcurrentExecutions', { ...maximum, label: 'concurrent' })],
              leftAnnotations: [{ value: f.reservedConcurrency ?? 0, label: 'reserved' }],
              leftYAxis: { min: 0, showUnits: false },
            }),
        ),
      );
    }

    const api = props.httpApi;
    if (api) {
      d.addWidgets(
        new cloudwatch.GraphWidget({
          title: 'API requests, 4xx and 5xx (sum / 5 min)',
          width: 12,
          left: [api.metricCount({ ...sum, label: 'requests' })],
          right: [
            api.metricClientError({ ...sum, label: '4xx' }),
            api.metricServerError({ ...sum, label: '5xx' }),
          ],
          leftYAxis: { min: 0, showUnits: false },
          rightYAxis: { min: 0, label: '4xx / 5xx', showUnits: false },
        }),
        new cloudwatch.GraphWidget({
          title: 'API latency (ms)',
          width: 12,
          left: [
            api.metricLatency({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.p(50), label: 'p50' }),
            api.metricLatency({ ...p99, label: 'p99' }),
            api.metricIntegrationLatency({ ...p99, label: 'integration p99' }),
          ],
          leftYAxis: { min: 0, showUnits: false },
        }),
      );
    }

    const queue = props.deadLetterQueue;
    d.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queue',
        width: 12,
        left: [queue.metricApproximateNumberOfMessagesVisible({ ...maximum, label: 'messages' })],
        right: [queue.metricApproximateAgeOfOldestMessage({ ...maximum, label: 'oldest (s)' })],
        leftYAxis: { min: 0, showUnits: false },
        rightYAxis: { min: 0, label: 'seconds', showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Upload events EventBridge could not deliver (sum / 5 min)',
        width: 12,
        left: (props.deadLetterRules ?? []).flatMap((rule) =>
          ['FailedInvocations', 'InvocationsSentToDlq'].map(
            (metricName) =>
              new cloudwatch.Metric({
                namespace: 'AWS/Events',
                metricName,
                dimensionsMap: { RuleName: rule.ruleName },
                ...sum,
                label: metricName === 'FailedInvocations' ? 'failed invocations' : 'sent to DLQ',
              }),
          ),
        ),
        leftYAxis: { min: 0, showUnits: false },
      }),
    );
  }
}
