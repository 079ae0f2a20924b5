/**
 * The local stack enforces the roles the templates give the functions: a catalogue that drops a
 * grant synthesizes a role without it, and the function's call then fails with AccessDenied, as
 * it would in AWS, while what the role still allows keeps working.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError, apiAs } from '#stack/api-client';
import { localContext } from '#stack/assembly/synthesize';
import { FREE_PORTS, type LocalStack, startLocalStack } from '#stack/local-stack';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { buildApp, PROJECT_ROOT } from '../../infra/build-app.ts';
import { HANDLERS, type HandlerSpec } from '../../infra/handlers.ts';

const API_ENTRY = 'functions/handlers/http/api.ts';

/** The real catalogue, with the API's table access cut from read-write to read. */
const withoutApiTableWrites: HandlerSpec[] = HANDLERS.map((spec) =>
  spec.entry === API_ENTRY ? { ...spec, table: 'read' } : spec,
);

describe('a function calling AWS outside its role', () => {
  let dir: string;
  let stack: LocalStack;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iam-enforcement-'));
    const cdkJson = JSON.parse(await readFile(join(PROJECT_ROOT, 'cdk.json'), 'utf8'));
    const outdir = join(dir, 'assembly');
    const { app } = buildApp({
      // As the CDK CLI does: asset paths in the template metadata, which the local stack reads.
      app: {
        outdir,
        context: { ...cdkJson.context, ...localContext('aws'), 'aws:cdk:enable-asset-metadata': true },
      },
      handlers: withoutApiTableWrites,
    });
    app.synth();
    stack = await startLocalStack({ dataDir: join(dir, 'data'), ports: FREE_PORTS, assemblyDir: outdir });
  }, 300_000);
  afterAll(async () => {
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fails with AccessDenied where the dropped grant was needed, and nothing is written', async () => {
    const applicant = apiAs(stack.consoleConfig, await stack.tokenFor('applicant-zhang-wei'));
    const created = applicant('POST', '/cases', SAMPLE_APPLICATIONS.chineseIndividual);
    await expect(created).rejects.toBeInstanceOf(ApiCallError);
    await expect(created).rejects.toMatchObject({ status: 500 });

    const apiRole = stack.assembly.functions.find(
      (fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'icp-api',
    )?.roleArn;
    const roleName = apiRole?.split('/').pop() ?? 'missing';
    const denied = stack.accessDenials().filter((denial) => denial.principal.includes(roleName));
    expect(denied.map((denial) => denial.action)).toContain('dynamodb:PutItem');
    expect(denied[0]?.message).toMatch(
      /is not authorized to perform: dynamodb:\w+ on resource: arn:aws:dynamodb:/,
    );

    // Reads are still granted: the applicant's (empty) case list loads.
    const list = await applicant<{ items: unknown[] }>('GET', '/cases');
    expect(list.items).toEqual([]);
  });
});
