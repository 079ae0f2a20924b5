import { describe, expect, it } from 'vitest';
import {
  permissionsForJsonRequest,
  sesPermissions,
  stateMachineOfExecution,
} from '#stack/iam/aws-request-actions';
import { newTaskToken } from '#stepfunctions/task-token';

const scope = { partition: 'aws-cn', region: 'cn-north-1', accountId: '000000000000' };
const table = (name: string) => `arn:aws-cn:dynamodb:cn-north-1:000000000000:table/${name}`;
const machine = 'arn:aws-cn:states:cn-north-1:000000000000:stateMachine:Icp-icp-case';

describe('the IAM permissions an AWS request needs', () => {
  it('names the index a Query reads, and every table of a batch', () => {
    expect(
      permissionsForJsonRequest(
        'DynamoDB_20120810.Query',
        { TableName: 'cases', IndexName: 'byQueue' },
        scope,
      ),
    ).toEqual([{ action: 'dynamodb:Query', resource: `${table('cases')}/index/byQueue` }]);
    expect(
      permissionsForJsonRequest(
        'DynamoDB_20120810.BatchWriteItem',
        { RequestItems: { a: [], b: [] } },
        scope,
      ),
    ).toEqual([
      { action: 'dynamodb:BatchWriteItem', resource: table('a') },
      { action: 'dynamodb:BatchWriteItem', resource: table('b') },
    ]);
  });

  it('authorizes a transaction per item, by the kind of each item', () => {
    const permissions = permissionsForJsonRequest(
      'DynamoDB_20120810.TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'b' } },
          { Delete: { TableName: 'a' } },
          { ConditionCheck: { TableName: 'c' } },
        ],
      },
      scope,
    );
    expect(permissions).toEqual([
      { action: 'dynamodb:PutItem', resource: table('a') },
      { action: 'dynamodb:UpdateItem', resource: table('b') },
      { action: 'dynamodb:DeleteItem', resource: table('a') },
      { action: 'dynamodb:ConditionCheckItem', resource: table('c') },
    ]);
    expect(
      permissionsForJsonRequest(
        'DynamoDB_20120810.ExecuteStatement',
        { Statement: 'SELECT * FROM "cases"."byQueue" WHERE queuePk = ?' },
        scope,
      ),
    ).toEqual([{ action: 'dynamodb:PartiQLSelect', resource: `${table('cases')}/index/byQueue` }]);
  });

  it('authorizes a task callback on the state machine of the token’s execution', () => {
    const token = newTaskToken('arn:aws-cn:states:cn-north-1:000000000000:execution:Icp-icp-case:C-1-submit');
    expect(
      permissionsForJsonRequest('AWSStepFunctions.SendTaskSuccess', { taskToken: token }, scope),
    ).toEqual([{ action: 'states:SendTaskSuccess', resource: machine }]);
    // The engine answers InvalidToken for what it cannot read.
    expect(
      permissionsForJsonRequest('AWSStepFunctions.SendTaskFailure', { taskToken: 'garbage' }, scope),
    ).toEqual([]);
    expect(stateMachineOfExecution('arn:aws:states:us-east-1:1:express:M:e:x')).toBe(
      'arn:aws:states:us-east-1:1:stateMachine:M',
    );
  });

  it('authorizes a start through an alias on the state machine, with the alias as its qualifier', () => {
    expect(
      permissionsForJsonRequest(
        'AWSStepFunctions.StartExecution',
        { stateMachineArn: `${machine}:live` },
        scope,
      ),
    ).toEqual([
      {
        action: 'states:StartExecution',
        resource: machine,
        context: { 'states:StateMachineQualifier': 'live' },
      },
    ]);
    expect(
      permissionsForJsonRequest('AWSStepFunctions.StartExecution', { stateMachineArn: machine }, scope),
    ).toEqual([{ action: 'states:StartExecution', resource: machine }]);
  });

  it('resolves a secret name to its ARN', () => {
    const arn = 'arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:smtp-AbCdEf';
    expect(
      permissionsForJsonRequest(
        'secretsmanager.GetSecretValue',
        { SecretId: 'smtp' },
        { ...scope, secretArnOf: (id) => (id === 'smtp' ? arn : undefined) },
      ),
    ).toEqual([{ action: 'secretsmanager:GetSecretValue', resource: arn }]);
  });

  it('authorizes SES SendEmail on the identity the sender uses and on the configuration set', () => {
    const permissions = sesPermissions(
      'POST',
      '/v2/email/outbound-emails',
      {
        FromEmailAddress: 'ICP <no-reply@mail.icp.example.com>',
        Destination: { ToAddresses: ['A@Example.cn'] },
        ConfigurationSetName: 'tracking',
        Content: { Simple: {} },
      },
      { ...scope, partition: 'aws', region: 'ap-southeast-1', sesIdentities: ['icp.example.com'] },
    );
    const context = {
      'ses:ApiVersion': '2',
      'ses:FromAddress': 'no-reply@mail.icp.example.com',
      'ses:Recipients': ['a@example.cn'],
    };
    expect(permissions).toEqual([
      {
        action: 'ses:SendEmail',
        resource: 'arn:aws:ses:ap-southeast-1:000000000000:identity/icp.example.com',
        context,
      },
      {
        action: 'ses:SendEmail',
        resource: 'arn:aws:ses:ap-southeast-1:000000000000:configuration-set/tracking',
        context,
      },
    ]);
  });
});
