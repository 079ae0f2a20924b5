import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocalService } from '#stack/aws/local-service';
import { createSecretsManager, generatePassword } from '#stack/aws/secrets-manager';
import type { ResolvedTemplate } from '#stack/iam/resolved-template';
import { ACCOUNT_ID, loadResolvedTemplates } from './iam-resolved-templates.ts';

describe('generated secret values', () => {
  it('honour the length, exclusions and one character of each included type', () => {
    for (let i = 0; i < 50; i += 1) {
      const value = generatePassword({
        PasswordLength: 12,
        ExcludeCharacters: 'aeiou0O',
        ExcludePunctuation: true,
      });
      expect(value).toHaveLength(12);
      expect(value).toMatch(/^[A-Za-z0-9]+$/);
      expect(value).not.toMatch(/[aeiou0O]/);
      expect(value).toMatch(/[a-z]/);
      expect(value).toMatch(/[A-Z]/);
      expect(value).toMatch(/[0-9]/);
    }
    expect(generatePassword({})).toHaveLength(32);
    expect(() =>
      generatePassword({
        ExcludeLowercase: true,
        ExcludeUppercase: true,
        ExcludeNumbers: true,
        ExcludePunctuation: true,
      }),
    ).toThrow(/excludes every character/);
  });
});

describe('the Secrets Manager stand-in with the China stateful template', () => {
  const deployment = loadResolvedTemplates('aws-cn');
  const scope = { partition: 'aws-cn', region: deployment.region, accountId: ACCOUNT_ID };
  const smtpArn = deployment.ref('IcpStateful', 'SmtpSecret');
  const entityArn = deployment.ref('IcpStateful', 'EntityKeySecret');
  let dataDir: string;
  let server: Awaited<ReturnType<typeof serveLocalService>>;
  let client: SecretsManagerClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'secrets-'));
    const secrets = await createSecretsManager({ ...scope, templates: [deployment.stateful], dataDir });
    server = await serveLocalService(secrets.handle);
    client = new SecretsManagerClient({
      endpoint: server.url,
      region: deployment.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('generates the SMTP secret from its template and key, and the entity key without punctuation', async () => {
    const smtp = await client.send(new GetSecretValueCommand({ SecretId: smtpArn }));
    const value = JSON.parse(smtp.SecretString ?? '{}') as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(['password', 'username']);
    expect(value.username).toBe('no-reply@icp.example.com');
    expect(value.password).toMatch(/^.{32}$/);
    expect(smtp.ARN).toBe(smtpArn);
    expect(smtp.VersionStages).toEqual(['AWSCURRENT']);

    const entity = await client.send(new GetSecretValueCommand({ SecretId: entityArn }));
    expect(entity.SecretString).toMatch(/^[A-Za-z0-9]{48}$/);
  });

  it('finds a secret by name and describes it', async () => {
    const name = smtpArn.split(':secret:')[1]?.replace(/-[A-Za-z0-9]{6}$/, '') ?? '';
    const byName = await client.send(new GetSecretValueCommand({ SecretId: name }));
    expect(byName.ARN).toBe(smtpArn);
    const described = await client.send(new DescribeSecretCommand({ SecretId: smtpArn }));
    expect(described.Name).toBe(name);
    expect(described.Description).toContain('SMTP provider credentials');
    expect(described.KmsKeyId).toBe(deployment.arn('IcpStateful', 'DataKey'));
  });

  it('answers ResourceNotFoundException for a secret the templates do not define', async () => {
    await expect(
      client.send(
        new GetSecretValueCommand({
          SecretId: `arn:aws-cn:secretsmanager:cn-north-1:${ACCOUNT_ID}:secret:nope-abcdef`,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: smtpArn, VersionStage: 'AWSPREVIOUS' })),
    ).rejects.toThrow(/staging label: AWSPREVIOUS/);
  });

  it('keeps generated values across a restart, and resolves dynamic references to them', async () => {
    const before = JSON.parse(
      (await client.send(new GetSecretValueCommand({ SecretId: smtpArn }))).SecretString ?? '{}',
    ) as { password: string };
    const again = await createSecretsManager({ ...scope, templates: [deployment.stateful], dataDir });
    expect(again.valueOf(smtpArn)).toBe(
      JSON.stringify({ username: 'no-reply@icp.example.com', password: before.password }),
    );
    expect(
      again.resolveDynamicReferences(`{{resolve:secretsmanager:${smtpArn}:SecretString:password::}}`),
    ).toBe(before.password);
    expect(again.valueOf(`{{resolve:secretsmanager:${smtpArn}:SecretString:password::}}`)).toBe(
      before.password,
    );
    expect(
      again.resolveDynamicReferences(`key={{resolve:secretsmanager:${entityArn}:SecretString:::}};`),
    ).toBe(`key=${again.valueOf(entityArn)};`);
    const file = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as {
      secrets: Record<string, unknown>;
    };
    expect(Object.keys(file.secrets).sort()).toEqual([entityArn, smtpArn].sort());
  });
});

describe('the Secrets Manager stand-in with a hand-written template', () => {
  const arn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:api-key-AbCdEf`;
  const template = (props: Record<string, unknown>): ResolvedTemplate => ({
    Resources: { ApiKey: { Type: 'AWS::SecretsManager::Secret', Properties: props } },
    Refs: { ApiKey: arn },
  });
  const scope = { partition: 'aws', region: 'us-east-1', accountId: ACCOUNT_ID };

  it('serves a SecretString as given and makes a new value when the generation settings change', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'secrets-'));
    const given = await createSecretsManager({
      ...scope,
      dataDir,
      templates: [template({ SecretString: 'fixed' })],
    });
    expect(given.valueOf('api-key')).toBe('fixed');
    const generated = await createSecretsManager({
      ...scope,
      dataDir,
      templates: [template({ GenerateSecretString: { PasswordLength: 20 } })],
    });
    const first = generated.valueOf(arn);
    expect(first).toHaveLength(20);
    const longer = await createSecretsManager({
      ...scope,
      dataDir,
      templates: [template({ GenerateSecretString: { PasswordLength: 24 } })],
    });
    expect(longer.valueOf(arn)).toHaveLength(24);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a secret whose ARN the template does not carry', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'secrets-'));
    await expect(
      createSecretsManager({
        ...scope,
        dataDir,
        templates: [{ Resources: { ApiKey: { Type: 'AWS::SecretsManager::Secret', Properties: {} } } }],
      }),
    ).rejects.toThrow(/ApiKey/);
    await rm(dataDir, { recursive: true, force: true });
  });
});
