import { readFileSync } from 'node:fs';
import { placeholderOf, WORKFLOW_TASKS, type WorkflowTaskName } from '#workflow/task-registry';

const DEFINITION_FILE = new URL('../../statemachines/icp-case.asl.json', import.meta.url);

/** The local Lambda function name of a workflow task, as the engine's handler registry knows it. */
export const localFunctionName = (task: WorkflowTaskName): string => `icp-${task}`;

/**
 * The case state machine with its placeholders filled for the local engine, the way CDK's
 * definitionSubstitutions fills them in AWS. A placeholder left unfilled is an error, not a silent
 * string the engine would fail on later.
 */
export function localCaseDefinition(options: {
  region: string;
  accountId: string;
  partition?: string;
}): string {
  const partition = options.partition ?? 'aws';
  const values: Record<string, string> = { Partition: partition };
  for (const task of Object.keys(WORKFLOW_TASKS) as WorkflowTaskName[]) {
    values[placeholderOf(task)] =
      `arn:${partition}:lambda:${options.region}:${options.accountId}:function:${localFunctionName(task)}`;
  }
  return readFileSync(DEFINITION_FILE, 'utf8').replace(/\$\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The state machine uses \${${name}}, which nothing fills`);
    return value;
  });
}
