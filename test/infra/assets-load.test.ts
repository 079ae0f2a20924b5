import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssemblyFunction, loadCloudAssembly } from '#stack/assembly/cloud-assembly';
import { ensureCloudAssembly, PROJECT_ROOT } from '#stack/assembly/synthesize';
import { type LambdaFunctionOptions, startLambdaFunction } from '#stack/lambda/lambda-function';
import { prepareLambdaRuntime } from '#stack/lambda/runtime-modules';
import {
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
  externalModules,
  lambdaAliases,
  MAIN_FIELDS,
} from '../../infra/constructs/bundling.ts';

/**
 * Every function `cdk synth` writes must load where Lambda runs it: in a folder with nothing but its
 * asset and the `nodejs22.x` runtime's modules (local/stack/lambda). A bundle that leaves a package
 * out (esbuild `externalModules`) which the runtime lacks passes every TypeScript test and fails in
 * AWS with Runtime.ImportModuleError on its first invocation.
 */

const LOADS_AT_ONCE = 2;

/**
 * The function's environment from its template, with the intrinsics (Ref, Fn::ImportValue,
 * Fn::GetAtt, ...) resolved to a local deployment by the local stack's resolver
 * (local/stack/assembly/intrinsics.ts): AWS-shaped names and ARNs, as a deployment would give them.
 */
const templateEnvironment = (fn: AssemblyFunction): Record<string, string> => fn.environment;

/** A function's sandbox settings; credentials as Lambda passes the role's, in the environment. */
function lambdaOptions(
  fn: Pick<LambdaFunctionOptions, 'functionName' | 'assetDir' | 'handler'> & Partial<LambdaFunctionOptions>,
  log: string[],
): LambdaFunctionOptions {
  return {
    functionArn: `arn:aws:lambda:ap-southeast-1:000000000000:function:${fn.functionName}`,
    timeoutSeconds: 30,
    memorySizeMb: 512,
    maxConcurrency: 1,
    log: (line: string) => log.push(line),
    ...fn,
    environment: {
      ...fn.environment,
      AWS_ACCESS_KEY_ID: 'ASIALOCALASSETLOAD',
      AWS_SECRET_ACCESS_KEY: 'local-secret',
      AWS_SESSION_TOKEN: 'local-session',
    },
  };
}

/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

describe.each(['aws', 'aws-cn'] as const)('the synthesized Lambda functions of partition %s', (partition) => {
  let functions: AssemblyFunction[] = [];
  beforeAll(async () => {
    functions = loadCloudAssembly(await ensureCloudAssembly({ partition })).functions;
  }, 600_000);

  it("load from their assets with only the nodejs22.x runtime's modules", async () => {
    expect(functions.length).toBeGreaterThan(0);
    const log: string[] = [];
    const outcomes = await eachLimited(functions, LOADS_AT_ONCE, async (fn) => {
      const lambda = await startLambdaFunction(
        lambdaOptions(
          {
            functionName: fn.name,
            functionArn: fn.arn,
            assetDir: fn.assetDir,
            handler: fn.handler,
            environment: templateEnvironment(fn),
            timeoutSeconds: fn.timeoutSeconds,
            memorySizeMb: fn.memorySizeMb,
          },
          log,
        ),
      );
      try {
        const init = await lambda.warm();
        return init.ok
          ? undefined
          : `${fn.logicalId} (${fn.assetDir}): ${init.errorType}: ${init.errorMessage}`;
      } finally {
        await lambda.close();
      }
    });
    expect(outcomes.filter(Boolean), log.join('\n')).toEqual([]);
  }, 180_000);
});

describe('the Lambda sandbox the assets load in', () => {
  const assets = mkdtempSync(join(tmpdir(), 'icp-asset-load-'));
  afterAll(() => rmSync(assets, { recursive: true, force: true }));

  const handAsset = (name: string, source: string) => {
    const dir = join(assets, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.mjs'), source);
    return dir;
  };

  it('refuses a bundle that imports a package the runtime lacks, with Runtime.ImportModuleError', async () => {
    const assetDir = handAsset(
      'imports-nodemailer',
      "import SMTPConnection from 'nodemailer/lib/smtp-connection';\nexport const handler = async () => typeof SMTPConnection;\n",
    );
    const lambda = await startLambdaFunction(
      lambdaOptions({ functionName: 'imports-nodemailer', assetDir, handler: 'index.handler' }, []),
    );
    try {
      expect(await lambda.warm()).toMatchObject({
        ok: false,
        errorType: 'Runtime.ImportModuleError',
        errorMessage: expect.stringContaining("Cannot find package 'nodemailer'"),
      });
      expect(await lambda.invoke({})).toMatchObject({ ok: false, errorType: 'Runtime.ImportModuleError' });
    } finally {
      await lambda.close();
    }
  });

  it('loads a bundle that leaves the AWS SDK to the runtime', async () => {
    const assetDir = handAsset(
      'imports-sdk',
      "import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async () => new S3Client({}).config.serviceId;\n",
    );
    const lambda = await startLambdaFunction(
      lambdaOptions({ functionName: 'imports-sdk', assetDir, handler: 'index.handler' }, []),
    );
    try {
      expect(await lambda.warm()).toEqual({ ok: true });
      expect(await lambda.invoke({})).toEqual({ ok: true, payload: 'S3' });
    } finally {
      await lambda.close();
    }
  });

  it('is what the bundles may leave out: the AWS SDK, nothing else', async () => {
    const runtime = await prepareLambdaRuntime();
    const offered = new Set(runtime.packages.map((entry) => entry.slice(0, entry.lastIndexOf('@'))));
    expect(offered.has('nodemailer')).toBe(false);
    for (const partition of ['aws', 'aws-cn'] as const) {
      for (const name of externalModules(partition)) {
        expect(name.startsWith('@aws-sdk/') && offered.has(name), `${partition} leaves out ${name}`).toBe(
          true,
        );
      }
    }
  });

  it.each([
    ['aws', 'ses', { ok: true, payload: 'function' }],
    [
      'aws',
      'smtp',
      {
        ok: false,
        errorMessage: expect.stringMatching(
          /^EMAIL_TRANSPORT=smtp, but this bundle was built for a global region/,
        ),
      },
    ],
    ['aws-cn', 'smtp', { ok: true, payload: 'function' }],
    ['aws-cn', 'ses', { ok: true, payload: 'function' }],
  ] as const)(
    'in partition %s, builds the %s sender or says why not',
    async (partition, transport, expected) => {
      const entry = join(assets, `email-${partition}.ts`);
      writeFileSync(
        entry,
        `import { emailEnv, emailSenderFromConfig } from '${PROJECT_ROOT}/functions/adapters/email/email-from-config.ts';
      export const handler = async (event) =>
        typeof (await emailSenderFromConfig(emailEnv.parse({ EMAIL_TRANSPORT: event.transport }))).send;`,
      );
      const assetDir = join(assets, `email-${partition}`);
      // The bundling options of infra/constructs/handler-function.ts, as infra/bundle-size.ts uses them.
      await build({
        entryPoints: [entry],
        outfile: join(assetDir, 'index.mjs'),
        absWorkingDir: PROJECT_ROOT,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: BUNDLE_TARGET,
        mainFields: MAIN_FIELDS,
        banner: { js: ESM_REQUIRE_BANNER },
        external: externalModules(partition),
        alias: lambdaAliases(PROJECT_ROOT, partition),
        logLevel: 'error',
      });
      const lambda = await startLambdaFunction(
        lambdaOptions({ functionName: `email-${partition}`, assetDir, handler: 'index.handler' }, []),
      );
      try {
        expect(await lambda.invoke({ transport })).toMatchObject(expected);
      } finally {
        await lambda.close();
      }
    },
  );
});
