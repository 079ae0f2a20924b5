import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EntityKeySecretError, entityKeySecretLoader } from '#api/entity-key-secret';
import { apiEnv, baseEnv, parseConfig } from '#config';

const SECRET_ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:EntityKeySecret-AbCdEf';
const KEY = 'k3yK3yk3yK3yk3yK3yk3yK3yk3yK3yk3yK3yk3yK3yk3yK3y';
const config = { ENTITY_KEY_SECRET_ARN: SECRET_ARN, AWS_REGION: 'cn-north-1' };

/** Secrets Manager answers GetSecretValue with these outcomes in turn (the only thing stubbed). */
function secretsManagerAnswers(...answers: Array<{ SecretString?: string } | Error>) {
  const send = vi.spyOn(SecretsManagerClient.prototype, 'send');
  for (const answer of answers) {
    send.mockImplementationOnce(async () => {
      if (answer instanceof Error) throw answer;
      return { ...answer, $metadata: { httpStatusCode: 200 } };
    });
  }
  return send;
}

const secretIdsRead = (send: ReturnType<typeof secretsManagerAnswers>) =>
  send.mock.calls.map(([command]) => {
    expect(command).toBeInstanceOf(GetSecretValueCommand);
    return (command as GetSecretValueCommand).input.SecretId;
  });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('the entity key, read from its secret at run time', () => {
  test('is read from Secrets Manager once, by ARN, and then served from memory', async () => {
    const send = secretsManagerAnswers({ SecretString: KEY });
    const entityKey = entityKeySecretLoader(config);
    expect(await Promise.all([entityKey(), entityKey()])).toEqual([KEY, KEY]);
    expect(await entityKey()).toBe(KEY);
    expect(secretIdsRead(send)).toEqual([SECRET_ARN]);
  });

  test('fails clearly when the secret has no value, naming the secret', async () => {
    secretsManagerAnswers({});
    const error = await entityKeySecretLoader(config)().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntityKeySecretError);
    expect((error as Error).message).toContain(SECRET_ARN);
    expect((error as Error).message).toMatch(/ENTITY_KEY_SECRET_ARN\) has no value/);
  });

  test('refuses a value shorter than 16 characters without echoing it, and reads again on the next call', async () => {
    const short = 'fifteen-chars!!';
    expect(short).toHaveLength(15);
    const send = secretsManagerAnswers({ SecretString: short }, { SecretString: KEY });
    const entityKey = entityKeySecretLoader(config);
    const error = await entityKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntityKeySecretError);
    expect((error as Error).message).toMatch(/shorter than 16 characters/);
    expect((error as Error).message).not.toContain(short);
    // The operator fixes the secret: the container need not be replaced.
    expect(await entityKey()).toBe(KEY);
    expect(secretIdsRead(send)).toEqual([SECRET_ARN, SECRET_ARN]);
  });

  test('names the secret and the AWS error when the read is refused', async () => {
    const denied = Object.assign(new Error('not authorized to perform: secretsmanager:GetSecretValue'), {
      name: 'AccessDeniedException',
    });
    secretsManagerAnswers(denied);
    const error = await entityKeySecretLoader(config)().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntityKeySecretError);
    expect((error as Error).message).toContain(SECRET_ARN);
    expect((error as Error).message).toContain('AccessDeniedException');
    expect((error as Error).cause).toBe(denied);
  });
});

describe('the entity key in configuration', () => {
  const apiVariables = {
    TABLE_NAME: 't',
    UPLOAD_BUCKET: 'b',
    OIDC_ISSUER: 'https://issuer.example.com/',
    OIDC_AUDIENCE: 'icp-console',
    STATE_MACHINE_ARN: 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:icp-case',
  };

  test('has no default: the API does not start without the secret’s ARN', () => {
    expect(() => parseConfig(apiEnv, apiVariables)).toThrow(/ENTITY_KEY_SECRET_ARN/);
    expect(
      parseConfig(apiEnv, { ...apiVariables, ENTITY_KEY_SECRET_ARN: SECRET_ARN }).ENTITY_KEY_SECRET_ARN,
    ).toBe(SECRET_ARN);
  });

  test('is never taken from a plain ENTITY_KEY_SECRET variable', () => {
    expect(Object.keys(baseEnv.shape)).not.toContain('ENTITY_KEY_SECRET');
    expect(Object.keys(apiEnv.shape)).not.toContain('ENTITY_KEY_SECRET');
    const parsed = parseConfig(apiEnv, {
      ...apiVariables,
      ENTITY_KEY_SECRET_ARN: SECRET_ARN,
      ENTITY_KEY_SECRET: KEY,
    });
    expect(JSON.stringify(parsed)).not.toContain(KEY);
  });
});

describe('the API Lambda entry', () => {
  const event = (path: string): LambdaEvent => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.cn' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      authentication: null,
      authorizer: {},
      domainName: 'api.example.cn',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '02/Mar/2026:02:00:00 +0000',
      timeEpoch: 1772416800000,
    },
    body: null,
    isBase64Encoded: false,
  });

  test('loads without calling AWS, then reads the key on its first request only', async () => {
    for (const [name, value] of Object.entries({
      TABLE_NAME: 't',
      UPLOAD_BUCKET: 'b',
      OIDC_ISSUER: 'https://issuer.example.com/',
      OIDC_AUDIENCE: 'icp-console',
      STATE_MACHINE_ARN: 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:icp-case',
      ENTITY_KEY_SECRET_ARN: SECRET_ARN,
      AWS_REGION: 'cn-north-1',
      LOG_LEVEL: 'ERROR',
    }))
      vi.stubEnv(name, value);
    const send = secretsManagerAnswers({ SecretString: 'short' }, { SecretString: KEY });
    vi.resetModules();
    const { handler } = await import('#handlers/http/api');
    expect(send).not.toHaveBeenCalled();

    await expect(handler(event('/health'))).rejects.toThrow(/ENTITY_KEY_SECRET_ARN\) is shorter than 16/);
    for (const _ of [1, 2]) expect((await handler(event('/health'))).statusCode).toBe(200);
    expect(secretIdsRead(send)).toEqual([SECRET_ARN, SECRET_ARN]);
  });
});
