// biome-ignore-all lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON
/**
 * What an operator relies on, checked on the real catalogue's templates (not the fixture's) in both
 * partitions: retained log groups, one dead-letter path per failure kind, reserved concurrency for
 * on-upload, the operations dashboard, and deploys that can be rolled back under running cases
 * (versions and aliases; docs/operations.md, statemachines/README.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '#adapters/operational-metrics';
import { HumanStep } from '#domain/case-status';
import { EMAIL_LEASE_SECONDS } from '#workflow/outbox-sender';
import { PROJECT_ROOT } from '../../infra/build-app.ts';
import { HANDLERS, handlerConstructId, taskPlaceholder } from '../../infra/handlers.ts';
import { aslPlaceholders } from '../../infra/state-machine-definition.ts';
import { ofType, type Resource, synthRealApp, type Template } from './real-app.ts';
import {
  lambdaGrantsOfMachine,
  liveAliasOfEachMachine,
  stepFunctionsStatements,
  taskAliasesInvokedByEachMachine,
} from './safe-deploys.ts';

const getAttId = (value: any): string | undefined => value?.['Fn::GetAtt']?.[0];

/** `Fn::Join` of the dashboard body as text, each intrinsic written as `<Ref:Id>` or `<Id.Attribute>`. */
function joined(value: any): string {
  if (typeof value === 'string') return value;
  const [separator, parts] = value['Fn::Join'] as [string, any[]];
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part.Ref) return `<Ref:${part.Ref}>`;
      if (part['Fn::GetAtt']) return `<${part['Fn::GetAtt'].join('.')}>`;
      throw new Error(`unexpected intrinsic in the dashboard body: ${JSON.stringify(part)}`);
    })
    .join(separator);
}

/** Every metric of the dashboard as `namespace/name`, its dimensions and its options. */
function dashboardMetrics(body: any) {
  return (body.widgets as any[])
    .filter((widget) => widget.type === 'metric')
    .flatMap((widget) => widget.properties.metrics as any[][])
    .map((row) => {
      const options = typeof row.at(-1) === 'object' ? (row.at(-1) as Record<string, any>) : {};
      const fields = row.filter((item) => typeof item === 'string') as string[];
      const [namespace, name, ...pairs] = fields;
      const dimensions: Record<string, string> = {};
      for (let i = 0; i + 1 < pairs.length; i += 2) dimensions[pairs[i] as string] = pairs[i + 1] as string;
      return { metric: `${namespace}/${name}`, dimensions, stat: options.stat as string | undefined };
    });
}

const QUEUE_METRICS = 'functions/handlers/schedule/queue-metrics.ts';
const SEND_EMAILS = 'functions/handlers/schedule/send-emails.ts';
const API = 'functions/handlers/http/api.ts';

const functionIdOf = (stateless: Template, entry: string): string => {
  const prefix = `${handlerConstructId({ entry })}Function`;
  const found = ofType(stateless, 'AWS::Lambda::Function').filter(([id]) => id.startsWith(prefix));
  expect(found, entry).toHaveLength(1);
  return found[0]?.[0] as string;
};

describe.each(['aws', 'aws-cn'] as const)('operations in partition %s (real catalogue)', (partition) => {
  let stateful: Template;
  let stateless: Template;

  beforeAll(() => {
    ({ stateful, stateless } = synthRealApp(partition));
  }, 120_000);

  it('retains every log group (functions, state machine, API access logs) on stack deletion and replacement', () => {
    const groups = [...ofType(stateful, 'AWS::Logs::LogGroup'), ...ofType(stateless, 'AWS::Logs::LogGroup')];
    // One per function, the state machine's and the API's access logs.
    expect(groups.length).toBeGreaterThanOrEqual(HANDLERS.length + 2);
    for (const [id, group] of groups) {
      expect(group.DeletionPolicy, id).toBe('Retain');
      expect(group.UpdateReplacePolicy, id).toBe('Retain');
      expect(group.Properties?.RetentionInDays, id).toBeGreaterThan(0); // retained, still expiring
    }
    const retained = new Set(groups.map(([id]) => id));
    for (const [id, fn] of ofType(stateless, 'AWS::Lambda::Function'))
      expect(retained.has(fn.Properties?.LoggingConfig.LogGroup.Ref), id).toBe(true);
    for (const [id, machine] of ofType(stateless, 'AWS::StepFunctions::StateMachine')) {
      const [destination] = machine.Properties?.LoggingConfiguration.Destinations ?? [];
      expect(retained.has(getAttId(destination.CloudWatchLogsLogGroup.LogGroupArn) ?? ''), id).toBe(true);
    }
    for (const [id, stage] of ofType(stateless, 'AWS::ApiGatewayV2::Stage'))
      expect(retained.has(getAttId(stage.Properties?.AccessLogSettings.DestinationArn) ?? ''), id).toBe(true);
  });

  it('reserves on-upload’s concurrency as the catalogue says, leaving the account its unreserved minimum', () => {
    const onUpload = HANDLERS.find((spec) => spec.trigger === 'uploads-created');
    expect(onUpload?.reservedConcurrency).toBeGreaterThan(0);
    let total = 0;
    for (const spec of HANDLERS) {
      const fn = stateless.Resources[functionIdOf(stateless, spec.entry)];
      expect(fn?.Properties?.ReservedConcurrentExecutions, spec.entry).toBe(spec.reservedConcurrency);
      total += spec.reservedConcurrency ?? 0;
    }
    // Lambda keeps 100 of the account's concurrency unreserved; the default quota is 1,000.
    expect(total).toBeLessThanOrEqual(900);
  });

  it('sends a failed upload to the dead-letter queue by one path per failure kind, never twice', () => {
    const [[queueId]] = ofType(stateless, 'AWS::SQS::Queue').filter(([id]) =>
      id.startsWith('DeadLetterQueue'),
    ) as [[string, Resource]];
    const onUploadId = functionIdOf(stateless, 'functions/handlers/events/on-upload.ts');

    // Not delivered by EventBridge (permissions, missing function, retries exhausted): the target's DLQ.
    // (The upload rule; the schedule rule's runs are not redriven, see the queue-metrics test below.)
    const rules = ofType(stateless, 'AWS::Events::Rule').filter(([, rule]) => rule.Properties?.EventPattern);
    expect(rules).toHaveLength(1);
    const [target] = rules[0]?.[1].Properties?.Targets ?? [];
    expect(getAttId(target.Arn)).toBe(onUploadId);
    expect(getAttId(target.DeadLetterConfig.Arn)).toBe(queueId);

    // Accepted by Lambda but failed every attempt (or too old): the on-failure destination, alone.
    const configs = ofType(stateless, 'AWS::Lambda::EventInvokeConfig').filter(
      ([, config]) => config.Properties?.FunctionName?.Ref === onUploadId,
    );
    expect(configs).toHaveLength(1);
    const config = configs[0]?.[1].Properties ?? {};
    expect(config.FunctionName).toEqual({ Ref: onUploadId });
    expect(getAttId(config.DestinationConfig.OnFailure.Destination)).toBe(queueId);
    expect(config.DestinationConfig.OnSuccess).toBeUndefined();
    expect(config.MaximumRetryAttempts).toBe(2);
    // A DeadLetterConfig would receive those same failures a second time.
    for (const [id, fn] of ofType(stateless, 'AWS::Lambda::Function'))
      expect(fn.Properties?.DeadLetterConfig, id).toBeUndefined();

    // Each path may write: EventBridge for this rule only, and on-upload's role.
    const [[, queuePolicy]] = ofType(stateless, 'AWS::SQS::QueuePolicy') as [[string, Resource]];
    const allowed = ((queuePolicy.Properties?.PolicyDocument.Statement ?? []) as any[]).filter(
      (statement) => statement.Effect === 'Allow',
    );
    expect(allowed).toEqual([
      expect.objectContaining({
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rules[0]?.[0], 'Arn'] } } },
      }),
    ]);
    const senders = ofType(stateless, 'AWS::IAM::Policy').filter(([, policy]) =>
      ((policy.Properties?.PolicyDocument.Statement ?? []) as any[]).some(
        (statement) =>
          [statement.Action].flat().includes('sqs:SendMessage') && getAttId(statement.Resource) === queueId,
      ),
    );
    expect(senders.map(([id]) => id)).toEqual([expect.stringMatching(/^EventsOnUploadHandler/)]);
  });

  it('has an operations dashboard over the case executions, every function, the API, the dead-letter queue, the human steps and failed emails', () => {
    const dashboards = ofType(stateless, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const [dashboardId, dashboard] = dashboards[0] as [string, Resource];
    expect(dashboard.Properties?.DashboardName).toBe('Icp-operations');
    expect(stateless.Outputs?.DashboardName?.Value).toEqual({ Ref: dashboardId });
    const body = JSON.parse(joined(dashboard.Properties?.DashboardBody));
    const metrics = dashboardMetrics(body);
    const has = (metric: string, dimension: string, value: string, stat?: string) =>
      metrics.some(
        (m) => m.metric === metric && m.dimensions[dimension] === value && (!stat || m.stat === stat),
      );

    const machines = ofType(stateless, 'AWS::StepFunctions::StateMachine');
    expect(machines.length).toBeGreaterThan(0);
    for (const [id] of machines) {
      for (const name of ['Started', 'Succeeded', 'Failed', 'TimedOut'])
        expect(
          has(`AWS/States/Executions${name}`, 'StateMachineArn', `<Ref:${id}>`, 'Sum'),
          `${id} ${name}`,
        ).toBe(true);
    }
    for (const spec of HANDLERS) {
      const ref = `<Ref:${functionIdOf(stateless, spec.entry)}>`;
      expect(has('AWS/Lambda/Errors', 'FunctionName', ref, 'Sum'), `${spec.entry} errors`).toBe(true);
      expect(has('AWS/Lambda/Duration', 'FunctionName', ref, 'p99'), `${spec.entry} duration`).toBe(true);
      expect(has('AWS/Lambda/Throttles', 'FunctionName', ref, 'Sum'), `${spec.entry} throttles`).toBe(true);
    }
    const [[apiId]] = ofType(stateless, 'AWS::ApiGatewayV2::Api') as [[string, Resource]];
    expect(has('AWS/ApiGateway/4xx', 'ApiId', `<Ref:${apiId}>`, 'Sum')).toBe(true);
    expect(has('AWS/ApiGateway/5xx', 'ApiId', `<Ref:${apiId}>`, 'Sum')).toBe(true);
    expect(has('AWS/ApiGateway/Latency', 'ApiId', `<Ref:${apiId}>`, 'p99')).toBe(true);
    const [[queueId]] = ofType(stateless, 'AWS::SQS::Queue').filter(([id]) =>
      id.startsWith('DeadLetterQueue'),
    ) as [[string, Resource]];
    expect(has('AWS/SQS/ApproximateNumberOfMessagesVisible', 'QueueName', `<${queueId}.QueueName>`)).toBe(
      true,
    );
    // The service's own metrics: queues by step and failed emails, under the service dimension.
    for (const step of HumanStep.options) {
      expect(has(`${METRICS_NAMESPACE}/HumanStepsWaiting`, 'Step', step, 'Maximum'), `${step} waiting`).toBe(
        true,
      );
      expect(has(`${METRICS_NAMESPACE}/HumanStepsPastDue`, 'Step', step, 'Maximum'), `${step} past due`).toBe(
        true,
      );
    }
    expect(has(`${METRICS_NAMESPACE}/EmailsFailed`, 'service', METRICS_SERVICE, 'Sum')).toBe(true);
    // Besides AWS's own, only the namespace the functions publish to.
    for (const { metric } of metrics)
      expect(metric).toMatch(
        new RegExp(`^(AWS/(States|Lambda|ApiGateway|SQS|Events)|${METRICS_NAMESPACE})/`),
      );
  });

  it('invokes every task of the case definition through the task function’s live alias, a retained published version', () => {
    const definition = readFileSync(join(PROJECT_ROOT, 'statemachines/icp-case.asl.json'), 'utf8');
    const tasks = HANDLERS.filter((spec) => spec.trigger === 'state-machine-task');
    const named = tasks.filter((spec) => aslPlaceholders(definition).includes(taskPlaceholder(spec)));
    expect(named.length).toBeGreaterThan(0);
    const [[machineId, aliases]] = [...taskAliasesInvokedByEachMachine(stateless)] as [[string, string[]]];
    // One alias per task function the definition names, each on that function.
    expect(aliases).toHaveLength(named.length);
    const machine = stateless.Resources[machineId]?.Properties ?? {};
    for (const spec of named) {
      const aliasId = machine.DefinitionSubstitutions[taskPlaceholder(spec)]?.Ref;
      const alias = stateless.Resources[aliasId]?.Properties ?? {};
      expect(alias.FunctionName, spec.entry).toEqual({ Ref: functionIdOf(stateless, spec.entry) });
    }
    // Every task function is versioned behind an alias, and only task functions are.
    expect(ofType(stateless, 'AWS::Lambda::Alias')).toHaveLength(tasks.length);
  });

  it('lets the case state machine invoke exactly the live alias of every catalogued task, nothing unqualified', () => {
    const taskAliases = HANDLERS.filter((spec) => spec.trigger === 'state-machine-task').map((spec) => {
      const functionId = functionIdOf(stateless, spec.entry);
      const aliases = ofType(stateless, 'AWS::Lambda::Alias').filter(
        ([, alias]) => alias.Properties?.FunctionName?.Ref === functionId,
      );
      expect(aliases, spec.entry).toHaveLength(1);
      return aliases[0]?.[0] as string;
    });
    for (const [machineId, invoked] of taskAliasesInvokedByEachMachine(stateless)) {
      const grants = lambdaGrantsOfMachine(stateless, machineId);
      expect(grants).toHaveLength(1);
      expect(grants[0]?.actions).toEqual(['lambda:InvokeFunction']);
      // Every catalogued task (older definition versions may call one this revision dropped), which
      // today is exactly what the definition names.
      expect([...(grants[0]?.resources ?? [])].sort()).toEqual([...taskAliases].sort());
      expect(invoked).toEqual([...taskAliases].sort());
    }
  });

  it('publishes a state machine version behind a live alias, and the API starts every case through that alias', () => {
    const liveAliases = liveAliasOfEachMachine(stateless);
    expect(liveAliases.size).toBe(1);
    const [[machineId, aliasId]] = [...liveAliases] as [[string, string]];
    const api = stateless.Resources[functionIdOf(stateless, 'functions/handlers/http/api.ts')];
    expect(api?.Properties?.Environment.Variables.STATE_MACHINE_ARN).toEqual({ Ref: aliasId });
    const starts = stepFunctionsStatements(stateless).filter(({ statement }) =>
      [statement.Action].flat().includes('states:StartExecution'),
    );
    expect(starts.map(({ statement }) => statement)).toEqual([
      {
        Action: 'states:StartExecution',
        Effect: 'Allow',
        Resource: { Ref: machineId },
        Condition: { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['live'] } },
      },
    ]);
  });

  it('runs queue-metrics every 15 minutes from an EventBridge schedule rule, retrying only within one interval', () => {
    const functionId = functionIdOf(stateless, QUEUE_METRICS);
    const schedules = ofType(stateless, 'AWS::Events::Rule').filter(
      ([, rule]) => rule.Properties?.ScheduleExpression,
    );
    // queue-metrics and the outbox sender (below).
    expect(schedules).toHaveLength(2);
    const [[ruleId, rule]] = schedules.filter(([, r]) =>
      ((r.Properties?.Targets ?? []) as any[]).some((t) => getAttId(t.Arn) === functionId),
    ) as [[string, Resource]];
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED' });
    expect(rule.Properties?.EventPattern).toBeUndefined();
    expect(rule.Properties?.Targets).toHaveLength(1);
    const [target] = (rule.Properties?.Targets ?? []) as any[];
    expect(getAttId(target.Arn)).toBe(functionId);
    // A count older than the next run is worth nothing: both retry layers give up after one interval.
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 900 });
    const [[, invokeConfig]] = ofType(stateless, 'AWS::Lambda::EventInvokeConfig').filter(
      ([, config]) => config.Properties?.FunctionName?.Ref === functionId,
    ) as [[string, Resource]];
    expect(invokeConfig.Properties).toMatchObject({ MaximumEventAgeInSeconds: 900, MaximumRetryAttempts: 2 });
    expect(invokeConfig.Properties?.DestinationConfig).toBeUndefined();
    // The rule, and only EventBridge, may invoke it.
    const permissions = ofType(stateless, 'AWS::Lambda::Permission').filter(
      ([, permission]) => getAttId(permission.Properties?.FunctionName) === functionId,
    );
    expect(permissions.map(([, p]) => [p.Properties?.Principal, getAttId(p.Properties?.SourceArn)])).toEqual([
      ['events.amazonaws.com', ruleId],
    ]);
  });

  it('lets queue-metrics Query the byQueue index and put the dashboard snapshot, nothing else: no item reads, no bucket, no email', () => {
    const fn = stateless.Resources[functionIdOf(stateless, QUEUE_METRICS)];
    const roleId = getAttId(fn?.Properties?.Role) as string;
    const statements = ofType(stateless, 'AWS::IAM::Policy')
      .filter(([, policy]) => ((policy.Properties?.Roles ?? []) as any[]).some((role) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties?.PolicyDocument.Statement as any[]);
    const actions = statements.flatMap((statement) => [statement.Action].flat() as string[]);
    const dynamo = statements.filter((statement) =>
      ([statement.Action].flat() as string[]).some((action) => action.startsWith('dynamodb:')),
    );
    expect(dynamo.map((statement) => statement.Action).sort()).toEqual([
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    const query = dynamo.find((statement) => statement.Action === 'dynamodb:Query');
    // One resource: the table's ARN joined with the index path, never the table itself.
    expect(Array.isArray(query.Resource)).toBe(false);
    expect(JSON.stringify(query.Resource)).toMatch(/"\/index\/byQueue"\]\]\}$/);
    // The supervisor dashboard's snapshot item (functions/workflow/dashboard-snapshot.ts): one PutItem.
    expect(actions.filter((action) => !/^(logs|xray):/.test(action)).sort()).toEqual([
      'dynamodb:PutItem',
      'dynamodb:Query',
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:GenerateDataKey',
    ]);
  });

  it('runs the outbox sender every minute from a schedule rule, with a timeout its leases outlast', () => {
    const functionId = functionIdOf(stateless, SEND_EMAILS);
    const [[ruleId, rule]] = ofType(stateless, 'AWS::Events::Rule').filter(([, r]) =>
      ((r.Properties?.Targets ?? []) as any[]).some((t) => getAttId(t.Arn) === functionId),
    ) as [[string, Resource]];
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
    const fn = stateless.Resources[functionId];
    // A lease (5 minutes) outlasts a run, so no email is attempted twice at once.
    expect(fn?.Properties?.Timeout).toBeLessThan(EMAIL_LEASE_SECONDS);
    const permissions = ofType(stateless, 'AWS::Lambda::Permission').filter(
      ([, permission]) => getAttId(permission.Properties?.FunctionName) === functionId,
    );
    expect(permissions.map(([, p]) => [p.Properties?.Principal, getAttId(p.Properties?.SourceArn)])).toEqual([
      ['events.amazonaws.com', ruleId],
    ]);
  });

  it('lets the outbox sender Query the byQueue index, update and add items, and send mail; no reads of cases, no deletes, no bucket', () => {
    const fn = stateless.Resources[functionIdOf(stateless, SEND_EMAILS)];
    const roleId = getAttId(fn?.Properties?.Role) as string;
    const statements = ofType(stateless, 'AWS::IAM::Policy')
      .filter(([, policy]) => ((policy.Properties?.Roles ?? []) as any[]).some((role) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties?.PolicyDocument.Statement as any[]);
    const actions = statements.flatMap((statement) => [statement.Action].flat() as string[]);
    const dynamo = statements.filter((statement) =>
      ([statement.Action].flat() as string[]).some((action) => action.startsWith('dynamodb:')),
    );
    expect(dynamo.map((statement) => [statement.Action].flat().sort())).toEqual([
      ['dynamodb:Query'],
      ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
    ]);
    expect(JSON.stringify(dynamo[0].Resource)).toMatch(/"\/index\/byQueue"\]\]\}$/);
    expect(JSON.stringify(dynamo[1].Resource)).not.toContain('/index/');
    const mail =
      partition === 'aws' ? ['ses:SendEmail', 'ses:SendRawEmail'] : ['secretsmanager:GetSecretValue'];
    expect(actions).toEqual(expect.arrayContaining(mail));
    expect(actions.filter((action) => /^(s3|states|sqs):|GetItem|DeleteItem|Scan/.test(action))).toEqual([]);
  });

  it('lets only the API touch the provider’s documents: Put and Get under provider-docs/ and a listing of that prefix alone', () => {
    const api = stateless.Resources[functionIdOf(stateless, API)];
    const apiRole = getAttId(api?.Properties?.Role) as string;
    const policies = ofType(stateless, 'AWS::IAM::Policy');
    const statementsOf = (roleId: string) =>
      policies
        .filter(([, policy]) =>
          ((policy.Properties?.Roles ?? []) as any[]).some((role) => role.Ref === roleId),
        )
        .flatMap(([, policy]) => policy.Properties?.PolicyDocument.Statement as any[]);
    const objectPrefixes = (statement: any) =>
      [statement.Resource]
        .flat()
        .map((resource: any) => JSON.stringify(resource).match(/\/([a-z-]+\/)\*/)?.[1]);
    const s3 = statementsOf(apiRole).filter((statement) =>
      ([statement.Action].flat() as string[]).some((action) => action.startsWith('s3:')),
    );
    const put = s3.find((statement) => [statement.Action].flat().includes('s3:PutObject'));
    expect(objectPrefixes(put).sort()).toEqual(['cases/', 'provider-docs/']);
    const get = s3.find((statement) => [statement.Action].flat().includes('s3:GetObject'));
    expect(objectPrefixes(get).sort()).toEqual(['cases/', 'provider-docs/', 'quarantine/']);
    const list = s3.find((statement) => [statement.Action].flat().includes('s3:ListBucket'));
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['provider-docs/*'] } });
    expect(s3.flatMap((statement) => [statement.Action].flat()).sort()).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
      's3:PutObject',
    ]);
    // No other role may read or write there.
    const others = policies
      .filter(
        ([, policy]) => !((policy.Properties?.Roles ?? []) as any[]).some((role) => role.Ref === apiRole),
      )
      .flatMap(([, policy]) => policy.Properties?.PolicyDocument.Statement as any[]);
    expect(JSON.stringify(others)).not.toContain('provider-docs/');
  });

  it('keeps every other function away from the mail relay: only the outbox sender may send', () => {
    const emailing = HANDLERS.filter((spec) => spec.email).map((spec) => spec.entry);
    expect(emailing).toEqual([SEND_EMAILS]);
    const sesOrSmtp = ofType(stateless, 'AWS::IAM::Policy').filter(([, policy]) =>
      ((policy.Properties?.PolicyDocument.Statement ?? []) as any[]).some((statement) =>
        ([statement.Action].flat() as string[]).some((a) => a.startsWith('ses:Send')),
      ),
    );
    expect(sesOrSmtp.map(([id]) => id)).toEqual(
      partition === 'aws' ? [expect.stringMatching(/^ScheduleSendEmailsHandler/)] : [],
    );
  });

  it('alarms on each human step past due, a failed email and queue counts gone missing, to the alarm topic', () => {
    const alarms = ofType(stateless, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties ?? {})
      .filter((alarm) => alarm.Namespace === METRICS_NAMESPACE);
    const [[topicId]] = ofType(stateless, 'AWS::SNS::Topic') as [[string, Resource]];
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    const dimensionsOf = (alarm: any) =>
      Object.fromEntries((alarm.Dimensions as any[]).map((d) => [d.Name, d.Value]));

    const pastDue = alarms.filter((alarm) => alarm.MetricName === 'HumanStepsPastDue');
    expect(pastDue.map((alarm) => dimensionsOf(alarm))).toEqual(
      HumanStep.options.map((step) => ({ Step: step, service: METRICS_SERVICE })),
    );
    for (const alarm of pastDue) {
      expect(alarm).toMatchObject({
        Statistic: 'Maximum',
        Period: 900,
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'ignore',
      });
    }
    const emails = alarms.filter((alarm) => alarm.MetricName === 'EmailsFailed');
    expect(emails).toHaveLength(1);
    expect(dimensionsOf(emails[0])).toEqual({ service: METRICS_SERVICE });
    expect(emails[0]).toMatchObject({
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    // An email whose last attempt failed: FAILED on its case until an officer sends it again.
    const deadLettered = alarms.filter((alarm) => alarm.MetricName === 'EmailsDeadLettered');
    expect(deadLettered).toHaveLength(1);
    expect(deadLettered[0]).toMatchObject({
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    const missing = alarms.filter((alarm) => alarm.MetricName === 'HumanStepsWaiting');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({
      Statistic: 'SampleCount',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });
});
