import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { emailEnv, emailSenderFromConfig } from '#adapters/email/email-from-config';

const SECRET_ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:IcpStatefulSmtpSecret-AbCdEf';

/** A relay that requires AUTH and records who logged in (plain SMTP on loopback, as the local capture). */
let relay: SMTPServer;
let port: number;
const logins: { username?: string | null; password?: string | null }[] = [];

beforeAll(async () => {
  relay = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username, password: auth.password });
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  port = (relay.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => relay.close(() => resolve())));
afterEach(() => {
  vi.restoreAllMocks();
  logins.length = 0;
});

/** Secrets Manager answers GetSecretValue with this SecretString (the only thing stubbed). */
function secretsManagerReturns(secretString: string) {
  return vi
    .spyOn(SecretsManagerClient.prototype, 'send')
    .mockImplementation(async () => ({ SecretString: secretString, $metadata: { httpStatusCode: 200 } }));
}

const smtpConfig = () =>
  emailEnv.parse({
    AWS_REGION: 'cn-north-1',
    EMAIL_TRANSPORT: 'smtp',
    EMAIL_FROM: 'no-reply@example.cn',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
    SMTP_ALLOW_PLAINTEXT: 'true',
    SMTP_SECRET_ARN: SECRET_ARN,
  });

const message = {
  to: 'li.na@example.cn',
  subject: '测试 Test',
  text: '您好 Hello',
  html: '<p>您好 Hello</p>',
};

describe('SMTP credentials from the secret', () => {
  test('logs in to the relay with the username and password of the secret', async () => {
    const send = secretsManagerReturns(JSON.stringify({ username: 'u', password: 'p' }));
    const sender = await emailSenderFromConfig(smtpConfig());
    const [command] = send.mock.calls[0] ?? [];
    expect(command).toBeInstanceOf(GetSecretValueCommand);
    expect((command as GetSecretValueCommand).input.SecretId).toBe(SECRET_ARN);

    await sender.send(message);
    expect(logins).toEqual([{ username: 'u', password: 'p' }]);
  });

  test('refuses a secret without "username" (e.g. `user`) instead of sending unauthenticated, naming the key but no value', async () => {
    secretsManagerReturns(JSON.stringify({ user: 'no-reply@example.cn', password: 'hunter2-secret' }));
    const error = await emailSenderFromConfig(smtpConfig()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('"username"');
    expect((error as Error).message).not.toContain('hunter2-secret');
    expect(logins).toEqual([]);
  });
});
