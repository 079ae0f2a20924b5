import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { HANDLERS, type HandlerSpec } from './handlers.ts';
import { readSettings } from './settings.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';
import { STATE_MACHINES_DIR } from './state-machine-definition.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildAppOptions {
  app?: AppProps;
  /** Defaults to the catalogue in infra/handlers.ts. */
  handlers?: HandlerSpec[];
  /** Defaults to `<root>/statemachines`. */
  stateMachinesDir?: string;
  projectRoot?: string;
}

/** Builds the app (both stacks, cdk-nag registered); `infra/app.ts` and test/infra share it. */
export function buildApp(options: BuildAppOptions = {}) {
  const app = new App(options.app);
  const settings = readSettings(app.node);
  const projectRoot = options.projectRoot ?? PROJECT_ROOT;
  const env = { region: settings.region, account: settings.account };

  const stateful = new StatefulStack(app, `${settings.prefix}Stateful`, {
    env,
    settings,
    description: 'ICP registration: data (uploads bucket, case table, key, user pool)',
    terminationProtection: true,
  });
  const stateless = new StatelessStack(app, `${settings.prefix}Stateless`, {
    env,
    settings,
    data: stateful,
    handlers: options.handlers ?? HANDLERS,
    projectRoot,
    stateMachinesDir: options.stateMachinesDir ?? join(projectRoot, STATE_MACHINES_DIR),
    description: 'ICP registration: functions, API, workflow, console hosting, alarms',
  });
  Tags.of(app).add('project', 'icp-registration');

  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }),
    new ServerlessChecks(app, { writeSuppressionsToCloudFormation: true }),
  );
  return { app, settings, stateful, stateless };
}
