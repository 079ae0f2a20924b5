import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, PROJECT_ROOT } from '../../infra/build-app.ts';
import type { HandlerSpec } from '../../infra/handlers.ts';
import { CHINA_EXAMPLE_CONTEXT } from '../../infra/settings.ts';

/** A catalogue over test/infra/fixtures: one handler of every trigger kind, like the real app will have. */
export const FIXTURE_ROOT = join(PROJECT_ROOT, 'test/infra/fixtures');
export const FIXTURE_HANDLERS: HandlerSpec[] = [
  {
    entry: 'functions/handlers/http/api.ts',
    description: 'HTTP API',
    trigger: 'http-api',
    table: 'readWrite',
    bucket: { read: ['cases/', 'quarantine/'], write: ['cases/'] },
    controlsStateMachine: true,
    entityKey: true,
    verifiesTokens: true,
    email: true,
  },
  {
    entry: 'functions/handlers/events/on-upload.ts',
    description: 'Inspects uploads',
    trigger: 'uploads-created',
    table: 'readWrite',
    bucket: { read: ['cases/'], write: ['quarantine/'], delete: ['cases/'] },
    email: true,
    resumesTasks: true,
  },
  {
    entry: 'functions/handlers/tasks/notify-applicant.ts',
    description: 'Emails the applicant',
    trigger: 'state-machine-task',
    table: 'read',
    email: true,
  },
  {
    entry: 'functions/handlers/tasks/request-document-review.ts',
    description: 'Stores the task token and queues the review',
    trigger: 'state-machine-task',
    table: 'readWrite',
  },
];

export interface SynthResult {
  templates: Record<'stateful' | 'stateless', Record<string, unknown>>;
  texts: Record<'stateful' | 'stateless', string>;
}

/**
 * Synthesises the app for one partition without bundling (NodejsFunction skips esbuild when its
 * stack is not in `aws:cdk:bundling-stacks`). cdk-nag runs as in `cdk synth`: a finding throws.
 */
/**
 * The context of an in-process synthesis in tests: cdk.json's, no bundling, the partition, China's
 * example keys (as `npm run synth` passes them), then `context`.
 */
export function testSynthContext(
  partition: 'aws' | 'aws-cn',
  context: Record<string, string> = {},
): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8'));
  return {
    ...cdkJson.context,
    'aws:cdk:bundling-stacks': [],
    partition,
    ...(partition === 'aws-cn' ? CHINA_EXAMPLE_CONTEXT : {}),
    ...context,
  };
}

export function synthFixture(
  partition: 'aws' | 'aws-cn',
  /** More context, e.g. a global deployment's domains. */
  context: Record<string, string> = {},
): SynthResult {
  const outdir = mkdtempSync(join(tmpdir(), `icp-infra-${partition}-`));
  const { app, stateful, stateless } = buildApp({
    app: { outdir, context: testSynthContext(partition, context) },
    projectRoot: FIXTURE_ROOT,
    stateMachinesDir: join(FIXTURE_ROOT, 'statemachines'),
    handlers: FIXTURE_HANDLERS,
  });
  const assembly = app.synth();
  const read = (name: string) => readFileSync(join(assembly.directory, `${name}.template.json`), 'utf8');
  const texts = { stateful: read(stateful.artifactId), stateless: read(stateless.artifactId) };
  return {
    texts,
    templates: { stateful: JSON.parse(texts.stateful), stateless: JSON.parse(texts.stateless) },
  };
}
