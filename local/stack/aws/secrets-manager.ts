/**
 * A Secrets Manager stand-in (awsJson1_1: GetSecretValue, DescribeSecret, ListSecrets) holding
 * the secrets the templates define (`AWS::SecretsManager::Secret`): a `SecretString` as given, or a
 * value generated as `GenerateSecretString` says (template + key, length, excluded characters, …)
 * with crypto.randomInt. Generated values are kept in `<dataDir>/secrets.json`, so a restart keeps
 * them; a change of the generation settings generates anew, as a stack update would.
 *
 * The local stack also reads values directly (`valueOf`) and resolves CloudFormation's
 * `{{resolve:secretsmanager:…}}` dynamic references with it.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AwsScope,
  type ResolvedTemplate,
  resourcesOfType,
  TemplateModelError,
} from '../iam/resolved-template.ts';
import { jsonError, jsonResponse, type LocalServiceHandler, parseJsonBody } from './local-service.ts';

export interface LocalSecret {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: { Key: string; Value: string }[];
  secretString: string;
  versionId: string;
  /** Epoch seconds. */
  createdAt: number;
}

export interface SecretsManagerOptions extends AwsScope {
  /** The resolved templates (the stateful stack holds the secrets; others are searched too). */
  templates: readonly ResolvedTemplate[];
  /** Where generated values are kept across restarts. */
  dataDir: string;
}

export interface SecretsManagerStandIn {
  /** The awsJson1_1 API, for the gateway (or serveLocalService). */
  handle: LocalServiceHandler;
  /** The ARN of a secret given by ARN, partial ARN (without the random suffix) or name. */
  arnOf(secretId: string): string | undefined;
  /**
   * The SecretString of a secret given by ARN or name, or the value a whole
   * `{{resolve:secretsmanager:…}}` reference stands for; throws for an unknown secret or key.
   */
  valueOf(secretIdOrReference: string): string;
  /** Replaces every `{{resolve:secretsmanager:…}}` reference in `text` with its value. */
  resolveDynamicReferences(text: string): string;
  secrets(): readonly LocalSecret[];
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

const flag = (value: unknown) => value === true || value === 'true';

/** A password as Secrets Manager's GetRandomPassword makes it (the GenerateSecretString settings). */
export function generatePassword(spec: Record<string, unknown>): string {
  const length = spec.PasswordLength === undefined ? 32 : Number(spec.PasswordLength);
  if (!Number.isInteger(length) || length < 1 || length > 4096)
    throw new TemplateModelError(
      `GenerateSecretString.PasswordLength must be 1–4096, got ${String(spec.PasswordLength)}`,
    );
  const excluded = new Set(String(spec.ExcludeCharacters ?? ''));
  const sets = [
    flag(spec.ExcludeLowercase) ? '' : LOWER,
    flag(spec.ExcludeUppercase) ? '' : UPPER,
    flag(spec.ExcludeNumbers) ? '' : DIGITS,
    flag(spec.ExcludePunctuation) ? '' : PUNCTUATION,
    flag(spec.IncludeSpace) ? ' ' : '',
  ]
    .map((set) => [...set].filter((c) => !excluded.has(c)).join(''))
    .filter((set) => set.length > 0);
  const alphabet = sets.join('');
  if (alphabet.length === 0) throw new TemplateModelError('GenerateSecretString excludes every character');
  const requireEach = spec.RequireEachIncludedType === undefined ? true : flag(spec.RequireEachIncludedType);
  if (requireEach && length < sets.length)
    throw new TemplateModelError(
      `GenerateSecretString.PasswordLength ${length} is too short to include each of ${sets.length} character types`,
    );
  for (;;) {
    const password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
    if (!requireEach || sets.every((set) => [...password].some((c) => set.includes(c)))) return password;
  }
}

/** The secret's value from its template properties: as given, or generated. */
function secretValueFrom(props: Record<string, unknown>, logicalId: string): string {
  if (typeof props.SecretString === 'string') return props.SecretString;
  const spec = props.GenerateSecretString as Record<string, unknown> | undefined;
  if (!spec) return generatePassword({});
  const password = generatePassword(spec);
  const template = spec.SecretStringTemplate;
  const key = spec.GenerateStringKey;
  if (template === undefined && key === undefined) return password;
  if (typeof template !== 'string' || typeof key !== 'string')
    throw new TemplateModelError(
      `${logicalId}: GenerateSecretString needs both SecretStringTemplate and GenerateStringKey, or neither`,
    );
  let object: unknown;
  try {
    object = JSON.parse(template);
  } catch {
    throw new TemplateModelError(`${logicalId}: SecretStringTemplate is not JSON`);
  }
  if (typeof object !== 'object' || object === null || Array.isArray(object))
    throw new TemplateModelError(`${logicalId}: SecretStringTemplate must be a JSON object`);
  return JSON.stringify({ ...(object as Record<string, unknown>), [key]: password });
}

interface StoredSecret {
  /** Hash of what the value was made from: a different spec makes a new value. */
  source: string;
  secretString: string;
  versionId: string;
  createdAt: number;
}

/** The secret name in an ARN (`…:secret:<name>-<6 random characters>`). */
const nameFromArn = (arn: string) => (arn.split(':secret:')[1] ?? '').replace(/-[A-Za-z0-9]{6}$/, '');

export async function createSecretsManager(options: SecretsManagerOptions): Promise<SecretsManagerStandIn> {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'secrets.json');
  const stored: Record<string, StoredSecret> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, StoredSecret> }).secrets
    : {};
  let changed = false;

  const secrets: LocalSecret[] = [];
  for (const { logicalId, resource, template } of resourcesOfType(
    options.templates,
    'AWS::SecretsManager::Secret',
  )) {
    const props = (resource.Properties ?? {}) as Record<string, unknown>;
    const arn = template.Refs?.[logicalId];
    if (!arn?.startsWith('arn:'))
      throw new TemplateModelError(
        `AWS::SecretsManager::Secret ${logicalId}: the template carries no Refs entry (its ARN), so the local secret cannot match what functions are given`,
      );
    const name = typeof props.Name === 'string' ? props.Name : nameFromArn(arn);
    const source = createHash('sha256')
      .update(JSON.stringify([props.SecretString ?? null, props.GenerateSecretString ?? null]))
      .digest('hex');
    let entry = stored[arn];
    if (!entry || entry.source !== source) {
      entry = {
        source,
        secretString: secretValueFrom(props, logicalId),
        versionId: randomUUID(),
        createdAt: Math.floor(Date.now() / 1000),
      };
      stored[arn] = entry;
      changed = true;
    }
    secrets.push({
      arn,
      name,
      ...(typeof props.Description === 'string' ? { description: props.Description } : {}),
      ...(typeof props.KmsKeyId === 'string' ? { kmsKeyId: props.KmsKeyId } : {}),
      tags: Array.isArray(props.Tags) ? (props.Tags as { Key: string; Value: string }[]) : [],
      secretString: entry.secretString,
      versionId: entry.versionId,
      createdAt: entry.createdAt,
    });
  }
  if (changed) {
    // Written whole or not at all; readable by the owner only, as secrets deserve.
    writeFileSync(`${file}.tmp`, JSON.stringify({ secrets: stored }, null, 2), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  const find = (secretId: string): LocalSecret | undefined =>
    secrets.find((s) => s.arn === secretId || s.name === secretId) ??
    // A partial ARN: the ARN without the random suffix.
    (secretId.startsWith('arn:')
      ? secrets.find((s) => s.arn.replace(/-[A-Za-z0-9]{6}$/, '') === secretId)
      : undefined);

  const resolveReference = (reference: string): string => {
    // {{resolve:secretsmanager:<secret-id>:SecretString:<json-key>:<version-stage>:<version-id>}}
    const inner = reference.slice('{{resolve:secretsmanager:'.length, -2);
    const parts = inner.split(':');
    const idParts = inner.startsWith('arn:') ? 7 : 1;
    const secretId = parts.slice(0, idParts).join(':');
    const [kind = 'SecretString', jsonKey = '', stage = '', versionId = ''] = parts.slice(idParts);
    const secret = find(secretId);
    if (!secret) throw new Error(`Dynamic reference ${reference}: no secret ${secretId}`);
    if (kind !== 'SecretString')
      throw new Error(`Dynamic reference ${reference}: only SecretString is supported`);
    if ((stage && stage !== 'AWSCURRENT') || (versionId && versionId !== secret.versionId))
      throw new Error(`Dynamic reference ${reference}: the local secret has only its current version`);
    if (!jsonKey) return secret.secretString;
    const value = (JSON.parse(secret.secretString) as Record<string, unknown>)[jsonKey];
    if (value === undefined)
      throw new Error(`Dynamic reference ${reference}: the secret has no key ${jsonKey}`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  };

  const secretValue = (secretId: string): string => {
    if (secretId.startsWith('{{resolve:secretsmanager:') && secretId.endsWith('}}'))
      return resolveReference(secretId);
    const secret = find(secretId);
    if (!secret) throw new Error(`Secrets Manager stand-in: no secret ${secretId}`);
    return secret.secretString;
  };

  const notFound = () =>
    jsonError(400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.", '1.1');
  const describe = (s: LocalSecret) => ({
    ARN: s.arn,
    Name: s.name,
    ...(s.description ? { Description: s.description } : {}),
    ...(s.kmsKeyId ? { KmsKeyId: s.kmsKeyId } : {}),
    ...(s.tags.length > 0 ? { Tags: s.tags } : {}),
    CreatedDate: s.createdAt,
    LastChangedDate: s.createdAt,
  });

  const handle: LocalServiceHandler = async (request) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (!target.startsWith('secretsmanager.'))
      return jsonError(400, 'UnknownOperationException', `Unknown operation ${target}`, '1.1');
    const operation = target.slice('secretsmanager.'.length);
    const input = parseJsonBody(request.body);
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return jsonError(
        400,
        'SerializationException',
        'Start of structure or map found where not expected.',
        '1.1',
      );
    const body = input as Record<string, unknown>;
    switch (operation) {
      case 'GetSecretValue': {
        if (typeof body.SecretId !== 'string' || body.SecretId === '')
          return jsonError(
            400,
            'ValidationException',
            "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null",
            '1.1',
          );
        const secret = find(body.SecretId);
        if (!secret) return notFound();
        if (typeof body.VersionId === 'string' && body.VersionId !== secret.versionId)
          return jsonError(
            400,
            'ResourceNotFoundException',
            `Secrets Manager can't find the specified secret value for VersionId: ${body.VersionId}`,
            '1.1',
          );
        if (typeof body.VersionStage === 'string' && body.VersionStage !== 'AWSCURRENT')
          return jsonError(
            400,
            'ResourceNotFoundException',
            `Secrets Manager can't find the specified secret value for staging label: ${body.VersionStage}`,
            '1.1',
          );
        return jsonResponse(
          {
            ARN: secret.arn,
            Name: secret.name,
            VersionId: secret.versionId,
            SecretString: secret.secretString,
            VersionStages: ['AWSCURRENT'],
            CreatedDate: secret.createdAt,
          },
          '1.1',
        );
      }
      case 'DescribeSecret': {
        const secret = typeof body.SecretId === 'string' ? find(body.SecretId) : undefined;
        if (!secret) return notFound();
        return jsonResponse(
          { ...describe(secret), VersionIdsToStages: { [secret.versionId]: ['AWSCURRENT'] } },
          '1.1',
        );
      }
      case 'ListSecrets':
        return jsonResponse({ SecretList: secrets.map(describe) }, '1.1');
      default:
        return jsonError(
          400,
          'UnknownOperationException',
          `${operation} is not supported by the local Secrets Manager (the templates define the secrets)`,
          '1.1',
        );
    }
  };

  return {
    handle,
    arnOf: (secretId) => find(secretId)?.arn,
    valueOf: secretValue,
    resolveDynamicReferences: (text) =>
      text.replace(/\{\{resolve:secretsmanager:[^}]*\}\}/g, resolveReference),
    secrets: () => [...secrets],
  };
}
