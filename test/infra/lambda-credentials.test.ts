import { afterEach, describe, expect, it } from 'vitest';
import { defaultProvider } from '#adapters/lambda-credentials';
import { PROJECT_ROOT } from '../../infra/build-app.ts';
import { measureBundle } from '../../infra/bundle-size.ts';
import { HANDLERS } from '../../infra/handlers.ts';

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
    const spec = HANDLERS.find((h) => h.entry.endsWith('/mark-failed.ts'));
    if (!spec) throw new Error('mark-failed is in the catalogue');
    const packages = (await measureBundle(PROJECT_ROOT, spec, 'aws')).byPackage.map(([name]) => name);
    expect(packages).toContain('@aws-sdk/credential-provider-env');
    expect(
      packages.filter((name) => /credential-provider-(node|ini|sso)$|nested-clients/.test(name)),
    ).toEqual([]);
  });
});
