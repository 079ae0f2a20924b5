import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProvider } from '#adapters/lambda-credentials';
import { PROJECT_ROOT } from '../../infra/build-app.ts';
import { lambdaAliases } from '../../infra/constructs/bundling.ts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('Lambda credentials', () => {
  it('reads the execution role credentials Lambda puts in the environment', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'session';
    const credentials = await defaultProvider()();
    expect(credentials).toMatchObject({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
    });
  });

  it('replaces the SDK default chain in a bundled handler', async () => {
    const result = await build({
      entryPoints: [`${PROJECT_ROOT}/functions/handlers/tasks/mark-failed.ts`],
      absWorkingDir: PROJECT_ROOT,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      alias: lambdaAliases(PROJECT_ROOT),
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('functions/adapters/lambda-credentials.ts'))).toBe(true);
    expect(inputs.filter((path) => /credential-provider-(node|ini|sso)\//.test(path))).toEqual([]);
  });
});
