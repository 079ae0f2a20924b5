import { caseStoreFrom, registrarLookupFrom } from '#adapters/from-config';
import type { WorkflowCallbacks } from '#adapters/workflow-client';
import { loadConfig } from '#config';
import { createLogger } from '../logger.ts';
import { runTask, type TaskDefinition } from './task-definition.ts';
import { type WorkflowConfig, workflowEnv } from './workflow-config.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * What a task uses beyond the case store, built from the config. A task passes only what it uses,
 * so a client it never calls (Step Functions) stays out of its bundle. No task sends email: emails
 * go into the case's outbox, which the outbox sender delivers.
 */
export interface TaskAdapters {
  callbacks?: (config: WorkflowConfig) => WorkflowCallbacks;
}

let dependencies: Promise<WorkflowDependencies> | undefined;

/**
 * The Lambda entry of one workflow task: dependencies are built from the environment once per
 * container (the config fails fast with a clear message), then each invocation runs the task on
 * its payload. Errors propagate so the state machine's Retry and Catch see them. Each handler
 * passes its own definition and adapters, so its bundle holds that task alone.
 */
export function lambdaTask<S extends TaskDefinition['input']>(
  name: string,
  definition: TaskDefinition<S>,
  adapters: TaskAdapters = {},
) {
  const logger = createLogger(name);
  return async (event: unknown): Promise<unknown> => {
    dependencies ??= buildDependencies(name, loadConfig(workflowEnv), adapters);
    const deps = await dependencies;
    try {
      return await runTask(definition as unknown as TaskDefinition, deps, event);
    } catch (error) {
      logger.error('task failed', { error: error instanceof Error ? error.name : 'unknown' });
      throw error;
    }
  };
}

async function buildDependencies(
  name: string,
  config: WorkflowConfig,
  adapters: TaskAdapters,
): Promise<WorkflowDependencies> {
  return {
    store: caseStoreFrom(config),
    callbacks: adapters.callbacks?.(config) ?? {
      sendTaskSuccess: () => notProvided(name, 'callbacks'),
      sendTaskFailure: () => notProvided(name, 'callbacks'),
    },
    portalUrl: config.PORTAL_URL,
    hostingCidrs: config.HOSTING_CIDRS,
    registrars: registrarLookupFrom(config),
    now: () => new Date(),
  };
}

/** A task reached for an adapter its handler does not pass: a wiring mistake, never retried into success. */
function notProvided(task: string, adapter: keyof TaskAdapters): Promise<never> {
  return Promise.reject(new Error(`The ${task} task has no ${adapter} adapter (see its handler file)`));
}
