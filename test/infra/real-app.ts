// biome-ignore-all lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON
/** The real app (infra/handlers.ts, statemachines/) synthesized in-process, for tests on its templates. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../infra/build-app.ts';
import { HANDLERS } from '../../infra/handlers.ts';
import { testSynthContext } from './synth-fixture.ts';

export type Resource = {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
export type Template = { Resources: Record<string, Resource>; Outputs?: Record<string, any> };

/**
 * Both stacks of the real app in `partition`, without bundling (cdk-nag throws on a finding). China
 * gets the example values `npm run synth` passes; `context` adds or overrides keys.
 */
export function synthRealApp(
  partition: 'aws' | 'aws-cn',
  context: Record<string, string> = {},
): { stateful: Template; stateless: Template } {
  const { app, stateful, stateless } = buildApp({
    handlers: HANDLERS,
    app: {
      outdir: mkdtempSync(join(tmpdir(), `icp-real-app-${partition}-`)),
      context: testSynthContext(partition, context),
    },
  });
  const assembly = app.synth();
  return {
    stateful: assembly.getStackByName(stateful.stackName).template,
    stateless: assembly.getStackByName(stateless.stackName).template,
  };
}

export const ofType = (template: Template, type: string): [string, Resource][] =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);
