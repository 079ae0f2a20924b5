import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import { type HandlerSpec, pascalName, taskEntryForPlaceholder, taskPlaceholder } from '../handlers.ts';
import type { DeploymentSettings } from '../settings.ts';
import { findAslFiles, resolveSubstitutions, STATE_MACHINE_ALIAS } from '../state-machine-definition.ts';
import { acknowledgeStateMachine } from './nag-acknowledgements.ts';
import type { StatefulStack } from './stateful-stack.ts';

/**
 * Context key (`-c unversionedExecutionsRunning=true`) for the deploys while executions started before
 * task functions were versioned are still running: their definition invokes each task function by its
 * unqualified ARN, and the state machine's role (shared by every execution) must keep allowing that
 * until the last of them has ended (docs/deploy.md, "Upgrading to versioned tasks").
 */
export const UNVERSIONED_EXECUTIONS_CONTEXT = 'unversionedExecutionsRunning';

export interface Workflow {
  stateMachines: Map<string, sfn.StateMachine>;
  /** Each state machine's `live` alias: where new executions start (the API's STATE_MACHINE_ARN). */
  aliases: Map<string, sfn.CfnStateMachineAlias>;
}

/** The case workflow: a state machine per statemachines/*.asl.json, each with versions and an alias. */
export function createWorkflow(
  stack: Stack,
  options: {
    settings: DeploymentSettings;
    data: StatefulStack;
    handlers: readonly HandlerSpec[];
    functions: ReadonlyMap<string, HandlerFunction>;
    projectRoot: string;
    stateMachinesDir: string;
    tracing: boolean;
  },
): Workflow {
  const { settings, data, handlers, functions, projectRoot, stateMachinesDir, tracing } = options;
  const stateMachines = new Map<string, sfn.StateMachine>();
  const aliases = new Map<string, sfn.CfnStateMachineAlias>();
  // State machines: one per statemachines/*.asl.json, placeholders filled from the task functions'
  // aliases. A definition invokes `<function>:live`, never the unqualified function, so a deploy
  // moves every running execution's next task to the new code only through the alias, and
  // rolling the alias back reaches every execution, whichever definition version it runs.
  const available: Record<string, string> = {
    Partition: stack.partition,
    Region: stack.region,
    AccountId: stack.account,
    TableName: data.table.tableName,
    UploadBucketName: data.uploadsBucket.bucketName,
  };
  const taskAliases = new Map<string, lambda.Alias>();
  const unversionedTasks = new Map<string, string>();
  for (const spec of handlers.filter((h) => h.trigger === 'state-machine-task')) {
    const handler = functions.get(spec.entry) as HandlerFunction;
    const alias = handler.alias as lambda.Alias;
    available[taskPlaceholder(spec)] = alias.functionArn;
    taskAliases.set(taskPlaceholder(spec), alias);
    unversionedTasks.set(taskPlaceholder(spec), handler.function.functionArn);
  }
  const unversionedRunning = contextFlag(stack, UNVERSIONED_EXECUTIONS_CONTEXT);
  for (const asl of findAslFiles(stateMachinesDir)) {
    // Tasks whose handler file has not landed yet: the machine waits for them (synth still works);
    // any other unfilled placeholder fails the synth in resolveSubstitutions.
    const pending = asl.placeholders.filter((name) => {
      const entry = taskEntryForPlaceholder(name);
      return !(name in available) && entry !== undefined && !existsSync(join(projectRoot, entry));
    });
    if (pending.length > 0) {
      Annotations.of(stack).addInfo(
        `State machine ${asl.name} not created yet: task handlers missing for ${pending.join(', ')}`,
      );
      continue;
    }
    const substitutions = resolveSubstitutions(asl, available);
    // Retained like every log group here: the executions' history outlives a stack replacement.
    const logGroup = new logs.LogGroup(stack, `${pascalName(asl.name)}Logs`, {
      retention: settings.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const machine = new sfn.StateMachine(stack, `${pascalName(asl.name)}StateMachine`, {
      stateMachineName: `${settings.prefix}-${asl.name}`,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(asl.path),
      definitionSubstitutions: substitutions,
      // Execution data holds personal data (names, ID numbers): log events, not payloads.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: tracing,
    });
    // The `live` aliases, and nothing else: Lambda authorizes an invocation of `<function>:live` on
    // that qualified ARN, and nothing here grants the unqualified function or another version.
    // Every catalogued task's alias, not only those this revision names: the role serves every
    // definition version still running, so a task dropped from the definition stays callable by
    // the older versions until its catalogue entry goes (statemachines/README.md). Today the
    // definition names every task, so the two sets are the same.
    if (taskAliases.size > 0)
      machine.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [...taskAliases.values()].map((alias) => alias.functionArn),
        }),
      );
    if (unversionedRunning && unversionedTasks.size > 0) {
      // Only while executions of a definition from before versioning run (see the context key).
      machine.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [...unversionedTasks.values()],
        }),
      );
    }
    // A version per deploy that changes the definition (or the machine's configuration): the
    // version resource is keyed on the machine's revision, so a new revision replaces it, which
    // publishes a new version; the replaced one is retained, for the executions still running on
    // it and for rolling the alias back. Unchanged deploys publish nothing.
    const version = new sfn.CfnStateMachineVersion(stack, `${pascalName(asl.name)}StateMachineVersion`, {
      stateMachineArn: machine.stateMachineArn,
      stateMachineRevisionId: (machine.node.defaultChild as sfn.CfnStateMachine).attrStateMachineRevisionId,
    });
    version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const alias = new sfn.CfnStateMachineAlias(stack, `${pascalName(asl.name)}StateMachineAlias`, {
      name: STATE_MACHINE_ALIAS,
      description: 'Where new cases start: the version the last deploy published (docs/operations.md).',
      routingConfiguration: [{ stateMachineVersionArn: version.ref, weight: 100 }],
    });
    stateMachines.set(asl.name, machine);
    aliases.set(asl.name, alias);
    acknowledgeStateMachine(machine, tracing);
  }
  return { stateMachines, aliases };
}

/** A `true`/`false` context value (`-c key=true`); absent is false. */
function contextFlag(scope: Construct, key: string): boolean {
  const value = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '' || value === false || value === 'false')
    return false;
  if (value === true || value === 'true') return true;
  throw new Error(`context ${key} must be "true" or "false", got "${String(value)}"`);
}
