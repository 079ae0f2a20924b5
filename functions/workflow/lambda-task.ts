import { CaseStore } from '#adapters/case-store';
import { createDocumentClient } from '#adapters/dynamo-client';
import { emailSenderFromConfig } from '#adapters/email/email-from-config';
import { createSfnClient, StepFunctionsCallbacks } from '#adapters/workflow-client';
import { loadConfig } from '#config';
import { createLogger } from '../logger.ts';
import { runTask, type TaskDefinition } from './task-definition.ts';
import { type WorkflowConfig, workflowEnv } from './workflow-config.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

let dependencies: Promise<WorkflowDependencies> | undefined;

/**
 * The Lambda entry of one workflow task: dependencies are built from the environment once per
 * container (the config fails fast with a clear message), then each invocation runs the task on
 * its payload. Errors propagate so the state machine's Retry and Catch see them. Each handler
 * passes its own definition, so its bundle holds that task alone.
 */
export function lambdaTask<S extends TaskDefinition['input']>(name: string, definition: TaskDefinition<S>) {
  const logger = createLogger(name);
  return async (event: unknown): Promise<unknown> => {
    dependencies ??= buildDependencies(loadConfig(workflowEnv));
    const deps = await dependencies;
    try {
      return await runTask(definition as unknown as TaskDefinition, deps, event);
    } catch (error) {
      logger.error('task failed', { error: error instanceof Error ? error.name : 'unknown' });
      throw error;
    }
  };
}

async function buildDependencies(config: WorkflowConfig): Promise<WorkflowDependencies> {
  const db = createDocumentClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  return {
    store: new CaseStore(db, config.TABLE_NAME),
    email: await emailSenderFromConfig(config),
    callbacks: new StepFunctionsCallbacks(
      createSfnClient({
        region: config.AWS_REGION,
        ...(config.SFN_ENDPOINT ? { endpoint: config.SFN_ENDPOINT } : {}),
      }),
    ),
    portalUrl: config.PORTAL_URL,
    hostingCidrs: config.HOSTING_CIDRS,
    now: () => new Date(),
  };
}
