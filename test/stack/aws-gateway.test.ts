import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsGateway, startAwsGateway } from '#stack/aws/aws-gateway';
import { type LocalCredential, LocalCredentials } from '#stack/aws/local-credentials';
import { createSecretsManager } from '#stack/aws/secrets-manager';
import { createSesStandIn } from '#stack/aws/ses';
import { type DynamoEmulator, startDynamo } from '#stack/dynamodb';
import { createAuthorizer } from '#stack/iam/authorizer';
import { type MailCapture, startMailCapture } from '#stack/mail-capture';
import { createEngine, type EmbeddedEngine } from '#stepfunctions/index';
import { newTaskToken } from '#stepfunctions/task-token';
import { ACCOUNT_ID, loadResolvedTemplates } from './iam-resolved-templates.ts';

/** What a caught SDK error looks like to a function. */
async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const denials: Record<string, unknown>[] = [];
const logger = {
  warn: (_message: string, ...extra: Record<string, unknown>[]) => {
    denials.push(Object.assign({}, ...extra));
  },
  error: () => {},
};

describe('the AWS gateway in front of the China stand-ins', () => {
  const deployment = loadResolvedTemplates('aws-cn');
  const { partition, region } = deployment;
  const roleArn = (prefix: string) =>
    `arn:aws-cn:iam::${ACCOUNT_ID}:role/${deployment.ref('IcpStateless', prefix)}`;
  const sessionArn = (prefix: string) => {
    const role = deployment.ref('IcpStateless', prefix);
    return `arn:aws-cn:sts::${ACCOUNT_ID}:assumed-role/${role}/${role}`;
  };
  const tableName = deployment.ref('IcpStateful', 'CaseTable');
  const tableArn = deployment.arn('IcpStateful', 'CaseTable');
  const machineArn = deployment.ref('IcpStateless', 'IcpCaseStateMachine');
  const credentials = new LocalCredentials();
  let dataDir: string;
  let dynamo: DynamoEmulator;
  let engine: EmbeddedEngine;
  let engineServer: Awaited<ReturnType<EmbeddedEngine['listen']>>;
  let gateway: AwsGateway;
  let api: LocalCredential;
  let onUpload: LocalCredential;
  const clients: { destroy(): void }[] = [];
  const dynamoClient = (credential: LocalCredential | { accessKeyId: string; secretAccessKey: string }) => {
    const client = new DynamoDBClient({
      endpoint: gateway.url,
      region,
      credentials: credential,
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gateway-'));
    dynamo = await startDynamo({ tableName });
    engine = await createEngine({
      dataDir: join(dataDir, 'sfn'),
      region,
      accountId: ACCOUNT_ID,
      handlers: {},
    });
    engineServer = await engine.listen(0);
    const secrets = await createSecretsManager({
      templates: [deployment.stateful],
      dataDir: join(dataDir, 'secrets'),
      partition,
      region,
      accountId: ACCOUNT_ID,
    });
    gateway = await startAwsGateway({
      credentials,
      authorize: createAuthorizer({
        templates: [deployment.stateful, deployment.stateless],
        partition,
        region,
        accountId: ACCOUNT_ID,
      }),
      upstreams: { dynamodb: dynamo.endpoint, states: engineServer.url, secretsmanager: secrets.handle },
      secretArnOf: secrets.arnOf,
      partition,
      region,
      accountId: ACCOUNT_ID,
      logger,
      bodyLimits: { dynamodb: 64 * 1024 },
    });
    api = credentials.issue(roleArn('HttpApiHandlerRole'));
    onUpload = credentials.issue(roleArn('EventsOnUploadHandlerRole'));
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await gateway?.close();
    await engineServer?.close();
    await engine?.close();
    await dynamo?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('passes an allowed PutItem through to DynamoDB', async () => {
    const client = dynamoClient(api);
    const item = { PK: { S: 'CASE#C-1' }, SK: { S: 'META' }, status: { S: 'draft' } };
    await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { PK: item.PK, SK: item.SK } }),
    );
    expect(Item).toEqual(item);
  });

  it('refuses a Scan by the same role with AccessDeniedException and AWS’s message, logged once', async () => {
    denials.length = 0;
    const error = await failure(dynamoClient(api).send(new ScanCommand({ TableName: tableName })));
    expect(error).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: `User: ${sessionArn('HttpApiHandlerRole')} is not authorized to perform: dynamodb:Scan on resource: ${tableArn} because no identity-based policy allows the dynamodb:Scan action`,
    });
    expect(denials).toEqual([
      expect.objectContaining({
        principal: sessionArn('HttpApiHandlerRole'),
        action: 'dynamodb:Scan',
        resource: tableArn,
      }),
    ]);
  });

  it('refuses a request larger than the service accepts with 413, before reading it whole', async () => {
    const error = await failure(
      dynamoClient(api).send(
        new PutItemCommand({
          TableName: tableName,
          Item: { PK: { S: 'BIG' }, SK: { S: 'META' }, blob: { S: 'x'.repeat(70 * 1024) } },
        }),
      ),
    );
    expect(error).toMatchObject({ name: 'RequestEntityTooLarge', status: 413 });
  });

  it('refuses a role whose policy lacks the action', async () => {
    const machineRole = credentials.issue(roleArn('IcpCaseStateMachineRole'));
    const error = await failure(
      dynamoClient(machineRole).send(
        new PutItemCommand({ TableName: tableName, Item: { PK: { S: 'X' }, SK: { S: 'Y' } } }),
      ),
    );
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain('dynamodb:PutItem');
  });

  it('refuses unsigned, unknown-key and badly signed requests as AWS does', async () => {
    const unsigned = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
      },
      body: '{}',
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');

    const unknown = await failure(
      dynamoClient({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(
        new ScanCommand({ TableName: tableName }),
      ),
    );
    expect(unknown.name).toBe('UnrecognizedClientException');

    const badSecret = await failure(
      dynamoClient({ ...api, secretAccessKey: `${api.secretAccessKey}x` }).send(
        new ScanCommand({ TableName: tableName }),
      ),
    );
    expect(badSecret.name).toBe('InvalidSignatureException');
  });

  it('lets the upload handler complete a task of the case machine but not start executions', async () => {
    const sfn = new SFNClient({ endpoint: gateway.url, region, credentials: onUpload, maxAttempts: 1 });
    clients.push(sfn);
    const started = await failure(
      sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{}' })),
    );
    expect(started.name).toBe('AccessDeniedException');
    expect(started.message).toContain(`states:StartExecution on resource: ${machineArn}`);

    // Authorized: the engine answers (there is no such task), not IAM.
    const execution = machineArn.replace(':stateMachine:', ':execution:').concat(':gone');
    const ours = await failure(
      sfn.send(new SendTaskSuccessCommand({ taskToken: newTaskToken(execution), output: '{}' })),
    );
    expect(ours.name).toBe('TaskDoesNotExist');
    const otherExecution = execution.replace(/execution:[^:]+:/, 'execution:Other:');
    const theirs = await failure(
      sfn.send(new SendTaskSuccessCommand({ taskToken: newTaskToken(otherExecution), output: '{}' })),
    );
    expect(theirs.name).toBe('AccessDeniedException');
    const malformed = await failure(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    );
    expect(malformed.name).toBe('InvalidToken');
  });

  it('serves the SMTP secret to the email senders by name and refuses the API role', async () => {
    const secretArn = deployment.ref('IcpStateful', 'SmtpSecret');
    const name = secretArn.split(':secret:')[1]?.replace(/-[A-Za-z0-9]{6}$/, '') ?? '';
    const client = (credential: LocalCredential) => {
      const c = new SecretsManagerClient({
        endpoint: gateway.url,
        region,
        credentials: credential,
        maxAttempts: 1,
      });
      clients.push(c);
      return c;
    };
    const value = await client(credentials.issue(roleArn('ScheduleSendEmailsHandlerRole'))).send(
      new GetSecretValueCommand({ SecretId: name }),
    );
    expect(value.ARN).toBe(secretArn);
    const denied = await failure(client(api).send(new GetSecretValueCommand({ SecretId: secretArn })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      `User: ${sessionArn('HttpApiHandlerRole')} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secretArn} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    );
  });
});

describe('the AWS gateway in front of the global SES stand-in', () => {
  const deployment = loadResolvedTemplates('aws');
  const { partition, region } = deployment;
  const credentials = new LocalCredentials();
  let capture: MailCapture;
  let gateway: AwsGateway;
  const roleArn = (prefix: string) =>
    `arn:aws:iam::${ACCOUNT_ID}:role/${deployment.ref('IcpStateless', prefix)}`;
  const clients: SESv2Client[] = [];
  const sesClient = (prefix: string) => {
    const client = new SESv2Client({
      endpoint: gateway.url,
      region,
      credentials: credentials.issue(roleArn(prefix)),
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };
  const email = new SendEmailCommand({
    FromEmailAddress: 'no-reply@icp.example.com',
    Destination: { ToAddresses: ['applicant@example.cn'] },
    Content: { Simple: { Subject: { Data: 'Hello' }, Body: { Text: { Data: 'Body' } } } },
  });

  beforeAll(async () => {
    capture = await startMailCapture();
    const ses = createSesStandIn({
      templates: [deployment.stateless],
      partition,
      region,
      accountId: ACCOUNT_ID,
      smtp: { port: capture.port },
    });
    gateway = await startAwsGateway({
      credentials,
      authorize: createAuthorizer({
        templates: [deployment.stateful, deployment.stateless],
        partition,
        region,
        accountId: ACCOUNT_ID,
      }),
      upstreams: { ses: ses.handle },
      sesIdentities: ses.identities,
      partition,
      region,
      accountId: ACCOUNT_ID,
      logger,
    });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await gateway?.close();
    await capture?.close();
  });

  it('delivers mail sent by a role allowed to send from the identity', async () => {
    const { MessageId } = await sesClient('ScheduleSendEmailsHandlerRole').send(email);
    expect(MessageId).toBeTruthy();
    expect(capture.inbox('applicant@example.cn').map((m) => m.subject)).toEqual(['Hello']);
  });

  it('refuses an unsigned SES request with 403 MissingAuthenticationTokenException', async () => {
    const response = await fetch(`${gateway.url}/v2/email/outbound-emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('refuses the API role with SES’s 403 AccessDeniedException', async () => {
    const role = deployment.ref('IcpStateless', 'HttpApiHandlerRole');
    const error = await failure(sesClient('HttpApiHandlerRole').send(email));
    expect(error).toEqual({
      name: 'AccessDeniedException',
      status: 403,
      message: `User \`arn:aws:sts::${ACCOUNT_ID}:assumed-role/${role}/${role}' is not authorized to perform \`ses:SendEmail' on resource \`arn:aws:ses:${region}:${ACCOUNT_ID}:identity/icp.example.com'`,
    });
    expect(capture.inbox('applicant@example.cn')).toHaveLength(1);
  });
});
