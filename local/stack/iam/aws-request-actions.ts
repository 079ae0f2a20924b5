/**
 * What IAM authorizes for an AWS API request: the actions and resources AWS evaluates for
 * DynamoDB, Step Functions and Secrets Manager (JSON protocol: `X-Amz-Target` + body) and SES v2
 * SendEmail (REST-JSON). One request may need several permissions (a batch or a transaction names
 * several tables; TransactWriteItems is authorized per item as PutItem, UpdateItem, DeleteItem or
 * ConditionCheckItem, as AWS does).
 */
import { parseTaskToken } from '#stepfunctions/task-token';
import type { AwsScope } from './resolved-template.ts';

export interface RequiredPermission {
  action: string;
  /** The ARN evaluated, or `*`. */
  resource: string;
  /** Condition keys the request sets (SES's `ses:FromAddress`, …). */
  context?: Record<string, string | string[]>;
}

export interface RequestActionOptions extends AwsScope {
  /** Secrets Manager: the ARN of a secret given by name or partial ARN (the stand-in knows them). */
  secretArnOf?: (secretId: string) => string | undefined;
  /** SES: the verified identities (domains and addresses), to find the one a From address uses. */
  sesIdentities?: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Permissions a JSON-protocol request needs, from its `X-Amz-Target` and parsed body. */
export function permissionsForJsonRequest(
  target: string,
  body: unknown,
  options: RequestActionOptions,
): RequiredPermission[] {
  const dot = target.indexOf('.');
  const prefix = target.slice(0, dot);
  const operation = target.slice(dot + 1);
  const input = isRecord(body) ? body : {};
  if (prefix.startsWith('DynamoDB_')) return dynamoDbPermissions(operation, input, options);
  if (prefix === 'AWSStepFunctions') return stepFunctionsPermissions(operation, input, options);
  if (prefix === 'secretsmanager') return secretsManagerPermissions(operation, input, options);
  throw new Error(`No IAM mapping for X-Amz-Target ${target}`);
}

// --- DynamoDB -------------------------------------------------------------------------------

function tableArn(table: string, { partition, region, accountId }: AwsScope): string {
  // TableName also accepts the table's ARN.
  return table.startsWith('arn:') ? table : `arn:${partition}:dynamodb:${region}:${accountId}:table/${table}`;
}

const TRANSACT_WRITE_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

const DYNAMODB_WITHOUT_RESOURCE = new Set([
  'ListTables',
  'DescribeLimits',
  'DescribeEndpoints',
  'ListBackups',
  'ListGlobalTables',
  'ListExports',
  'ListImports',
  'DescribeReservedCapacity',
  'DescribeReservedCapacityOfferings',
]);

/** PartiQL: the statement's verb decides the action, its target the table. */
function partiqlPermission(statement: string, scope: AwsScope): RequiredPermission {
  const verb = statement.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  const action = {
    SELECT: 'PartiQLSelect',
    INSERT: 'PartiQLInsert',
    UPDATE: 'PartiQLUpdate',
    DELETE: 'PartiQLDelete',
  }[verb];
  // The target: `table` or, in SELECT, `table.index`; each part bare or "double-quoted".
  const part = '"(?:[^"]|"")+"|[A-Za-z0-9_-]+';
  const target = new RegExp(
    `^\\s*(?:SELECT\\s[\\s\\S]*?\\sFROM|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(${part})(?:\\.(${part}))?`,
    'i',
  ).exec(statement);
  const unquote = (name: string | undefined) =>
    name?.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
  const tableName = unquote(target?.[1]);
  const index = unquote(target?.[2]);
  const resource = tableName ? tableArn(tableName, scope) + (index ? `/index/${index}` : '') : '*';
  return { action: `dynamodb:${action ?? 'PartiQLSelect'}`, resource };
}

export function dynamoDbPermissions(
  operation: string,
  input: Record<string, unknown>,
  scope: AwsScope,
): RequiredPermission[] {
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const tables = isRecord(input.RequestItems) ? Object.keys(input.RequestItems) : [];
      return tables.map((table) => ({ action, resource: tableArn(table, scope) }));
    }
    case 'TransactWriteItems':
    case 'TransactGetItems': {
      const items = Array.isArray(input.TransactItems) ? input.TransactItems : [];
      return items.flatMap((item): RequiredPermission[] => {
        if (!isRecord(item)) return [];
        if (operation === 'TransactGetItems') {
          const table = isRecord(item.Get) ? text(item.Get.TableName) : undefined;
          return table ? [{ action: 'dynamodb:GetItem', resource: tableArn(table, scope) }] : [];
        }
        return Object.entries(TRANSACT_WRITE_ACTIONS).flatMap(([kind, itemAction]) => {
          const entry = item[kind];
          const table = isRecord(entry) ? text(entry.TableName) : undefined;
          return table ? [{ action: itemAction, resource: tableArn(table, scope) }] : [];
        });
      });
    }
    case 'Query':
    case 'Scan': {
      const table = text(input.TableName);
      if (!table) return [{ action, resource: '*' }];
      const index = text(input.IndexName);
      return [{ action, resource: tableArn(table, scope) + (index ? `/index/${index}` : '') }];
    }
    case 'ExecuteStatement':
      return [partiqlPermission(String(input.Statement ?? ''), scope)];
    case 'BatchExecuteStatement':
    case 'ExecuteTransaction': {
      const statements = Array.isArray(input.Statements)
        ? input.Statements
        : Array.isArray(input.TransactStatements)
          ? input.TransactStatements
          : [];
      return statements.map((s) => partiqlPermission(isRecord(s) ? String(s.Statement ?? '') : '', scope));
    }
    default: {
      if (DYNAMODB_WITHOUT_RESOURCE.has(operation)) return [{ action, resource: '*' }];
      const table = text(input.TableName) ?? text(input.GlobalTableName);
      const resource = table
        ? tableArn(table, scope)
        : (text(input.ResourceArn) ?? text(input.BackupArn) ?? '*');
      return [{ action, resource }];
    }
  }
}

// --- Step Functions -------------------------------------------------------------------------

const ON_EXECUTION = new Set([
  'DescribeExecution',
  'StopExecution',
  'GetExecutionHistory',
  'RedriveExecution',
  'DescribeStateMachineForExecution',
]);
const WITHOUT_RESOURCE = new Set([
  'ListStateMachines',
  'ListActivities',
  'ValidateStateMachineDefinition',
  'TestState',
  'GetActivityTask',
]);

/** The state machine an execution ARN belongs to (`execution:<machine>:<name>` → `stateMachine:<machine>`). */
export function stateMachineOfExecution(executionArn: string): string | undefined {
  const match = /^(arn:[^:]+:states:[^:]*:[^:]*:)(?:execution|express):([^:/]+)(?:\/[^:]*)?:/.exec(
    executionArn,
  );
  return match ? `${match[1]}stateMachine:${match[2]}` : undefined;
}

export function stepFunctionsPermissions(
  operation: string,
  input: Record<string, unknown>,
  scope: AwsScope,
): RequiredPermission[] {
  const action = `states:${operation}`;
  if (
    operation === 'SendTaskSuccess' ||
    operation === 'SendTaskFailure' ||
    operation === 'SendTaskHeartbeat'
  ) {
    const token = parseTaskToken(String(input.taskToken ?? ''));
    const machine = token ? stateMachineOfExecution(token.e) : undefined;
    // A token the engine cannot read is let through: the engine answers InvalidToken, as AWS does
    // for a malformed token, instead of an AccessDenied that would hide the real problem.
    return machine ? [{ action, resource: machine }] : [];
  }
  if (ON_EXECUTION.has(operation)) return [{ action, resource: text(input.executionArn) ?? '*' }];
  if (WITHOUT_RESOURCE.has(operation)) return [{ action, resource: '*' }];
  if (operation === 'CreateStateMachine') {
    const { partition, region, accountId } = scope;
    const name = text(input.name) ?? '*';
    const permissions: RequiredPermission[] = [
      { action, resource: `arn:${partition}:states:${region}:${accountId}:stateMachine:${name}` },
    ];
    // Creating a machine hands it a role: AWS checks iam:PassRole on it as well.
    const role = text(input.roleArn);
    if (role) permissions.push({ action: 'iam:PassRole', resource: role });
    return permissions;
  }
  const machine = text(input.stateMachineArn);
  // A start through a version or alias (`…:stateMachine:name:live`) is authorized against the
  // unqualified state machine, with the qualifier in `states:StateMachineQualifier` (Step Functions
  // guide, "Authorization for versions and aliases").
  const parts = machine?.split(':') ?? [];
  if (machine && parts.length === 8 && parts[5] === 'stateMachine') {
    return [
      {
        action,
        resource: parts.slice(0, 7).join(':'),
        context: { 'states:StateMachineQualifier': parts[7] as string },
      },
    ];
  }
  const resource = machine ?? text(input.resourceArn) ?? text(input.mapRunArn) ?? '*';
  return [{ action, resource }];
}

// --- Secrets Manager ------------------------------------------------------------------------

export function secretsManagerPermissions(
  operation: string,
  input: Record<string, unknown>,
  options: RequestActionOptions,
): RequiredPermission[] {
  const action = `secretsmanager:${operation}`;
  const { partition, region, accountId } = options;
  const arnOf = (id: string) =>
    options.secretArnOf?.(id) ??
    (id.startsWith('arn:') ? id : `arn:${partition}:secretsmanager:${region}:${accountId}:secret:${id}`);
  if (operation === 'ListSecrets' || operation === 'GetRandomPassword') return [{ action, resource: '*' }];
  if (operation === 'BatchGetSecretValue') {
    const ids = Array.isArray(input.SecretIdList)
      ? input.SecretIdList.filter((id) => typeof id === 'string')
      : [];
    return [
      { action, resource: '*' },
      ...ids.map((id) => ({ action: 'secretsmanager:GetSecretValue', resource: arnOf(id) })),
    ];
  }
  if (operation === 'CreateSecret') {
    return [{ action, resource: arnOf(text(input.Name) ?? '*') }];
  }
  const id = text(input.SecretId);
  return [{ action, resource: id ? arnOf(id) : '*' }];
}

// --- SES v2 ---------------------------------------------------------------------------------

/** The address in `Name <address>` or a bare address, lower-cased. */
export function emailAddressOf(mailbox: string): string {
  const angle = /<([^>]*)>\s*$/.exec(mailbox);
  return (angle ? angle[1] : mailbox)?.trim().toLowerCase() ?? '';
}

/**
 * The verified identity a From address sends as: the address itself when it is an identity, else
 * its domain or the closest verified parent domain (SES lets a verified domain's subdomains send).
 */
export function sendingIdentityOf(address: string, identities: readonly string[]): string | undefined {
  const known = new Set(identities.map((i) => i.toLowerCase()));
  if (known.has(address)) return address;
  const labels = (address.split('@')[1] ?? '').split('.');
  for (let i = 0; i < labels.length - 1; i += 1) {
    const domain = labels.slice(i).join('.');
    if (known.has(domain)) return domain;
  }
  return undefined;
}

/** The From header of a raw MIME message (SES v2 Content.Raw without FromEmailAddress). */
export function rawHeader(raw: Buffer, name: string): string | undefined {
  const head =
    raw
      .subarray(0, Math.min(raw.length, 64 * 1024))
      .toString('utf8')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The envelope of an SES v2 SendEmail request: sender and every recipient. */
export function sesSendEmailEnvelope(input: Record<string, unknown>): {
  from?: string;
  recipients: string[];
} {
  const content = isRecord(input.Content) ? input.Content : {};
  const raw =
    isRecord(content.Raw) && typeof content.Raw.Data === 'string'
      ? Buffer.from(content.Raw.Data, 'base64')
      : undefined;
  const destination = isRecord(input.Destination) ? input.Destination : {};
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
  let recipients = [
    ...list(destination.ToAddresses),
    ...list(destination.CcAddresses),
    ...list(destination.BccAddresses),
  ].map(emailAddressOf);
  if (recipients.length === 0 && raw) {
    recipients = ['to', 'cc', 'bcc']
      .flatMap((h) => (rawHeader(raw, h) ?? '').split(','))
      .map((v) => v.trim())
      .filter(Boolean)
      .map(emailAddressOf);
  }
  const fromText = text(input.FromEmailAddress) ?? (raw ? rawHeader(raw, 'from') : undefined);
  return { ...(fromText ? { from: emailAddressOf(fromText) } : {}), recipients };
}

/**
 * SES v2 `POST /v2/email/outbound-emails` (SendEmail): `ses:SendEmail` on the sending identity and,
 * when the request names one, on its configuration set, as SES evaluates it. Other SES v2 routes
 * are not served locally and need no mapping.
 */
export function sesPermissions(
  method: string,
  path: string,
  body: unknown,
  options: RequestActionOptions,
): RequiredPermission[] {
  if (method !== 'POST' || path.replace(/\/+$/, '') !== '/v2/email/outbound-emails') return [];
  const { partition, region, accountId } = options;
  const input = isRecord(body) ? body : {};
  const { from, recipients } = sesSendEmailEnvelope(input);
  const context: Record<string, string | string[]> = {
    'ses:ApiVersion': '2',
    ...(from ? { 'ses:FromAddress': from } : {}),
    ...(recipients.length > 0 ? { 'ses:Recipients': recipients } : {}),
  };
  const arn = (resource: string) => `arn:${partition}:ses:${region}:${accountId}:${resource}`;
  const explicitIdentity = text(input.FromEmailAddressIdentityArn);
  const identity =
    explicitIdentity ??
    arn(
      `identity/${(from && sendingIdentityOf(from, options.sesIdentities ?? [])) ?? from?.split('@')[1] ?? '*'}`,
    );
  const permissions: RequiredPermission[] = [{ action: 'ses:SendEmail', resource: identity, context }];
  const configurationSet = text(input.ConfigurationSetName);
  if (configurationSet)
    permissions.push({
      action: 'ses:SendEmail',
      resource: arn(`configuration-set/${configurationSet}`),
      context,
    });
  return permissions;
}
