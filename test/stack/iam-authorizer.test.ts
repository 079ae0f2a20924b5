import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '#stack/iam/authorizer';
import type { ResolvedTemplate } from '#stack/iam/resolved-template';
import { ACCOUNT_ID, loadResolvedTemplates } from './iam-resolved-templates.ts';

const session = (partition: string, role: string) =>
  `arn:${partition}:sts::${ACCOUNT_ID}:assumed-role/${role}/${role.replace('Role', 'Function')}`;

describe.each(['aws-cn', 'aws'] as const)(
  'IAM evaluation of the synthesized %s role policies',
  (partition) => {
    const deployment = loadResolvedTemplates(partition);
    const { region } = deployment;
    const authorizer = createAuthorizer({
      templates: [deployment.stateful, deployment.stateless],
      partition,
      region,
      accountId: ACCOUNT_ID,
    });
    const apiRole = deployment.ref('IcpStateless', 'HttpApiHandlerRole');
    const onUploadRole = deployment.ref('IcpStateless', 'EventsOnUploadHandlerRole');
    // The outbox sender is the one function that mails (docs/email-outbox.md).
    const senderRole = deployment.ref('IcpStateless', 'ScheduleSendEmailsHandlerRole');
    const taskRole = deployment.ref('IcpStateless', 'TasksCheckEligibilityHandlerRole');
    const table = deployment.arn('IcpStateful', 'CaseTable');
    const bucket = deployment.arn('IcpStateful', 'UploadsBucket');
    const dataKey = deployment.arn('IcpStateful', 'DataKey');
    const machine = deployment.ref('IcpStateless', 'IcpCaseStateMachine');

    it('lets the API role put items in the case table and query its indexes', async () => {
      const principalArn = session(partition, apiRole);
      expect(await authorizer.authorize({ principalArn, action: 'dynamodb:PutItem', resource: table })).toBe(
        true,
      );
      expect(
        await authorizer.authorize({
          principalArn,
          action: 'dynamodb:Query',
          resource: `${table}/index/byQueue`,
        }),
      ).toBe(true);
    });

    it('denies the API role a Scan of the case table with the message AWS gives', async () => {
      const principalArn = session(partition, apiRole);
      const decision = await authorizer.explain({ principalArn, action: 'dynamodb:Scan', resource: table });
      expect(decision.allowed).toBe(false);
      expect(decision.message).toBe(
        `User: ${principalArn} is not authorized to perform: dynamodb:Scan on resource: ${table} because no identity-based policy allows the dynamodb:Scan action`,
      );
    });

    it('denies a workflow task role any upload to the bucket', async () => {
      const principalArn = session(partition, taskRole);
      const decision = await authorizer.explain({
        principalArn,
        action: 's3:PutObject',
        resource: `${bucket}/cases/C-1/id-card.pdf`,
      });
      expect(decision.allowed).toBe(false);
      expect(decision.deniedBy).toEqual({ policyType: 'identity-based policy', explicit: false });
    });

    it('lets the API role write uploads under cases/ only, through the enforceSSL bucket policy', async () => {
      const principalArn = session(partition, apiRole);
      const put = (key: string, context?: Record<string, string>) =>
        authorizer.explain({ principalArn, action: 's3:PutObject', resource: `${bucket}/${key}`, context });
      expect((await put('cases/C-1/a.pdf')).allowed).toBe(true);
      expect((await put('quarantine/C-1/a.pdf')).allowed).toBe(false);
      // A `*` in a key is a character, not a pattern that could match an allowed prefix.
      expect((await put('quarantine/*')).allowed).toBe(false);
      expect((await put('cases/C-1/*')).allowed).toBe(true);
      // What a plain-HTTP call would be in AWS: the bucket policy's explicit deny decides.
      const insecure = await put('cases/C-1/a.pdf', { 'aws:SecureTransport': 'false' });
      expect(insecure.allowed).toBe(false);
      expect(insecure.message).toMatch(/with an explicit deny in a resource-based policy$/);
    });

    it('lets the upload handler complete the case machine’s callback but not start executions', async () => {
      const principalArn = session(partition, onUploadRole);
      expect(
        await authorizer.authorize({ principalArn, action: 'states:SendTaskSuccess', resource: machine }),
      ).toBe(true);
      const start = await authorizer.explain({
        principalArn,
        action: 'states:StartExecution',
        resource: machine,
      });
      expect(start.allowed).toBe(false);
      expect(start.message).toContain(
        'because no identity-based policy allows the states:StartExecution action',
      );
      const otherMachine = machine.replace(/stateMachine:.*$/, 'stateMachine:Other');
      expect(
        await authorizer.authorize({
          principalArn,
          action: 'states:SendTaskSuccess',
          resource: otherMachine,
        }),
      ).toBe(false);
    });

    it('lets roles use the data key because its key policy delegates to the account’s IAM policies', async () => {
      expect(
        await authorizer.authorize({
          principalArn: session(partition, apiRole),
          action: 'kms:Decrypt',
          resource: dataKey,
        }),
      ).toBe(true);
      // As S3 asks KMS on the caller's behalf for an SSE-KMS upload.
      expect(
        await authorizer.authorize({
          principalArn: session(partition, apiRole),
          action: 'kms:GenerateDataKey',
          resource: dataKey,
          context: {
            'kms:ViaService': `s3.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}`,
            'kms:CallerAccount': ACCOUNT_ID,
            'kms:EncryptionContext:aws:s3:arn': `${bucket}/cases/C-1/a.pdf`,
          },
        }),
      ).toBe(true);
      const machineRole = deployment.ref('IcpStateless', 'IcpCaseStateMachineRole');
      expect(
        await authorizer.authorize({
          principalArn: session(partition, machineRole),
          action: 'kms:Decrypt',
          resource: dataKey,
        }),
      ).toBe(false);
    });

    it('always allows the account root, the local operator credential', async () => {
      expect(
        await authorizer.authorize({
          principalArn: `arn:${partition}:iam::${ACCOUNT_ID}:root`,
          action: 'dynamodb:DeleteTable',
          resource: table,
        }),
      ).toBe(true);
    });

    it('denies principals of another account or partition', async () => {
      const foreign = session(partition, apiRole).replace(ACCOUNT_ID, '111122223333');
      expect(
        await authorizer.authorize({ principalArn: foreign, action: 'dynamodb:PutItem', resource: table }),
      ).toBe(false);
    });

    if (partition === 'aws-cn') {
      it('lets the outbox sender read the SMTP secret and nobody else, on-upload included', async () => {
        const secret = deployment.ref('IcpStateful', 'SmtpSecret');
        const read = (role: string) =>
          authorizer.authorize({
            principalArn: session(partition, role),
            action: 'secretsmanager:GetSecretValue',
            resource: secret,
          });
        expect(await read(senderRole)).toBe(true);
        expect(await read(onUploadRole)).toBe(false);
        expect(await read(apiRole)).toBe(false);
      });
    } else {
      it('lets the outbox sender send from the verified domain identity and nobody else, on-upload included', async () => {
        const identity = `arn:aws:ses:${region}:${ACCOUNT_ID}:identity/icp.example.com`;
        const send = (role: string) =>
          authorizer.authorize({
            principalArn: session(partition, role),
            action: 'ses:SendEmail',
            resource: identity,
          });
        expect(await send(senderRole)).toBe(true);
        expect(await send(onUploadRole)).toBe(false);
        expect(await send(apiRole)).toBe(false);
      });
    }
  },
);

describe('IAM evaluation of hand-written templates', () => {
  const scope = { partition: 'aws', region: 'us-east-1', accountId: ACCOUNT_ID };
  const role = (extra: Record<string, unknown> = {}) => ({
    Type: 'AWS::IAM::Role',
    Properties: { RoleName: 'Worker', AssumeRolePolicyDocument: {}, ...extra },
  });
  const principalArn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/Worker/session`;
  const table = `arn:aws:dynamodb:us-east-1:${ACCOUNT_ID}:table/T`;

  it('refuses a role that attaches a managed policy no template defines, naming it', () => {
    const template: ResolvedTemplate = {
      Resources: {
        Worker: role({
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        }),
      },
    };
    expect(() => createAuthorizer({ templates: [template], ...scope })).toThrow(
      /arn:aws:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole/,
    );
  });

  it('evaluates inline role policies and reports an explicit deny as AWS does', async () => {
    const template: ResolvedTemplate = {
      Resources: {
        Worker: role({
          Policies: [
            {
              PolicyName: 'tables',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: 'dynamodb:*', Resource: table },
                  { Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: table },
                ],
              },
            },
          ],
        }),
      },
    };
    const authorizer = createAuthorizer({ templates: [template], ...scope });
    expect(await authorizer.authorize({ principalArn, action: 'dynamodb:GetItem', resource: table })).toBe(
      true,
    );
    const decision = await authorizer.explain({
      principalArn,
      action: 'dynamodb:DeleteItem',
      resource: table,
    });
    expect(decision.message).toBe(
      `User: ${principalArn} is not authorized to perform: dynamodb:DeleteItem on resource: ${table} with an explicit deny in an identity-based policy`,
    );
  });

  it('requires a key policy to allow: one that trusts only another principal denies despite IAM', async () => {
    const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/k-1`;
    const template: ResolvedTemplate = {
      Resources: {
        Worker: role({
          Policies: [
            {
              PolicyName: 'kms',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn }],
              },
            },
          ],
        }),
        Key: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/Admin` },
                  Action: 'kms:*',
                  Resource: '*',
                },
              ],
            },
          },
        },
      },
      Refs: { Key: 'k-1' },
    };
    const decision = await createAuthorizer({ templates: [template], ...scope }).explain({
      principalArn,
      action: 'kms:Decrypt',
      resource: keyArn,
    });
    expect(decision.allowed).toBe(false);
    expect(decision.message).toMatch(/because no resource-based policy allows the kms:Decrypt action$/);
  });
});
