/**
 * The IAM policies a set of resolved templates defines: the identity policies of each role (inline
 * `Policies`, `AWS::IAM::Policy` / `AWS::IAM::RolePolicy` / `AWS::IAM::ManagedPolicy` attached to it)
 * and the resource policies (bucket, key, secret, queue, topic and table policies), keyed so an
 * authorization request finds the ones that apply to it.
 *
 * A policy the templates refer to but do not define (an AWS managed policy ARN, a boundary from
 * elsewhere) fails loudly: evaluating without it would silently differ from the deployment.
 */
import {
  type AwsScope,
  type ResolvedTemplate,
  resourcesOfType,
  TemplateModelError,
} from './resolved-template.ts';

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: unknown;
}

export interface NamedPolicy {
  /** `<logical id>` or `<logical id>/<policy name>`: what a log line names. */
  name: string;
  document: PolicyDocument;
}

export interface TemplatePolicies {
  /** Identity policies attached to each role, by role name. */
  roles: ReadonlyMap<string, readonly NamedPolicy[]>;
  /** Permissions boundaries, by role name. */
  boundaries: ReadonlyMap<string, NamedPolicy>;
  /** Resource policies by the ARN of what they guard (a bucket's ARN for the bucket and its objects). */
  resources: ReadonlyMap<string, NamedPolicy>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function documentOf(value: unknown, where: string): PolicyDocument {
  if (!isRecord(value) || value.Statement === undefined)
    throw new TemplateModelError(`${where}: expected a policy document with a Statement`);
  return value as unknown as PolicyDocument;
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (typeof item !== 'string')
      throw new TemplateModelError(`${where}: expected resolved strings, got ${JSON.stringify(item)}`);
  }
  return list as string[];
}

/** The resource-policy key for an ARN: buckets guard their objects, tables their indexes and streams. */
export function resourcePolicyKey(resourceArn: string): string {
  const parts = resourceArn.split(':');
  const service = parts[2];
  const rest = parts.slice(5).join(':');
  if (service === 's3') {
    const bucket = rest.split('/')[0] ?? '';
    return `${parts.slice(0, 5).join(':')}:${bucket}`;
  }
  if (service === 'dynamodb' && rest.startsWith('table/')) {
    const table = rest.split('/')[1] ?? '';
    return `${parts.slice(0, 5).join(':')}:table/${table}`;
  }
  return resourceArn;
}

/** The resource policy guarding `resourceArn`, if the templates define one. */
export function resourcePolicyFor(policies: TemplatePolicies, resourceArn: string): NamedPolicy | undefined {
  return policies.resources.get(resourcePolicyKey(resourceArn));
}

/** Collects the policies of `templates` (every stack of one local deployment). */
export function collectPolicies(templates: readonly ResolvedTemplate[], scope: AwsScope): TemplatePolicies {
  const { partition, region, accountId } = scope;
  const roles = new Map<string, NamedPolicy[]>();
  const boundaries = new Map<string, NamedPolicy>();
  const resources = new Map<string, NamedPolicy>();

  const attach = (roleName: string, policy: NamedPolicy) => {
    const list = roles.get(roleName) ?? [];
    list.push(policy);
    roles.set(roleName, list);
  };
  const guard = (arn: string, policy: NamedPolicy) => {
    const existing = resources.get(arn);
    if (existing)
      throw new TemplateModelError(
        `${policy.name} and ${existing.name} both set the resource policy of ${arn}; CloudFormation keeps only one`,
      );
    resources.set(arn, policy);
  };

  // Customer managed policies defined in the templates, by ARN, so roles can attach them by ARN.
  const managedByArn = new Map<string, NamedPolicy>();
  for (const { logicalId, resource, template } of resourcesOfType(templates, 'AWS::IAM::ManagedPolicy')) {
    const props = resource.Properties ?? {};
    const policy = { name: logicalId, document: documentOf(props.PolicyDocument, logicalId) };
    const arn =
      template.Refs?.[logicalId] ??
      (typeof props.ManagedPolicyName === 'string'
        ? `arn:${partition}:iam::${accountId}:policy${props.Path ?? '/'}${props.ManagedPolicyName}`
        : undefined);
    if (arn) managedByArn.set(arn, policy);
    for (const role of stringList(props.Roles, `${logicalId}.Roles`)) attach(role, policy);
  }
  const managedPolicy = (arn: string, where: string) => {
    const policy = managedByArn.get(arn);
    if (!policy)
      throw new TemplateModelError(
        `${where} refers to the managed policy ${arn}, which no template defines: the local stack cannot evaluate ` +
          'policies it does not have. Define the statements in the stack (or as an AWS::IAM::ManagedPolicy) instead.',
      );
    return policy;
  };

  for (const { logicalId, resource, template } of resourcesOfType(templates, 'AWS::IAM::Role')) {
    const props = resource.Properties ?? {};
    const roleName: string | undefined =
      typeof props.RoleName === 'string' ? props.RoleName : template.Refs?.[logicalId];
    const inline = Array.isArray(props.Policies) ? (props.Policies as unknown[]) : [];
    const managed = stringList(props.ManagedPolicyArns, `${logicalId}.ManagedPolicyArns`);
    const needsName = inline.length > 0 || managed.length > 0 || props.PermissionsBoundary !== undefined;
    if (!roleName) {
      if (needsName)
        throw new TemplateModelError(
          `AWS::IAM::Role ${logicalId} has policies but no RoleName, and the template carries no Refs entry for it`,
        );
      continue;
    }
    if (!roles.has(roleName)) roles.set(roleName, []);
    inline.forEach((entry, index) => {
      const where = `${logicalId}.Policies[${index}]`;
      if (!isRecord(entry)) throw new TemplateModelError(`${where}: expected { PolicyName, PolicyDocument }`);
      attach(roleName, {
        name: `${logicalId}/${String(entry.PolicyName)}`,
        document: documentOf(entry.PolicyDocument, where),
      });
    });
    managed.forEach((arn, index) => {
      attach(roleName, managedPolicy(arn, `AWS::IAM::Role ${logicalId}.ManagedPolicyArns[${index}]`));
    });
    if (props.PermissionsBoundary !== undefined) {
      const [arn] = stringList(props.PermissionsBoundary, `${logicalId}.PermissionsBoundary`);
      if (arn)
        boundaries.set(roleName, managedPolicy(arn, `AWS::IAM::Role ${logicalId}.PermissionsBoundary`));
    }
  }

  for (const { logicalId, resource } of resourcesOfType(templates, 'AWS::IAM::Policy')) {
    const props = resource.Properties ?? {};
    const policy = {
      name: `${logicalId}/${String(props.PolicyName ?? logicalId)}`,
      document: documentOf(props.PolicyDocument, logicalId),
    };
    // Users and groups do not exist locally: only roles make calls.
    for (const role of stringList(props.Roles, `${logicalId}.Roles`)) attach(role, policy);
  }
  for (const { logicalId, resource } of resourcesOfType(templates, 'AWS::IAM::RolePolicy')) {
    const props = resource.Properties ?? {};
    const [role] = stringList(props.RoleName, `${logicalId}.RoleName`);
    if (!role) throw new TemplateModelError(`AWS::IAM::RolePolicy ${logicalId} has no RoleName`);
    attach(role, {
      name: `${logicalId}/${String(props.PolicyName ?? logicalId)}`,
      document: documentOf(props.PolicyDocument, logicalId),
    });
  }

  for (const { logicalId, resource } of resourcesOfType(templates, 'AWS::S3::BucketPolicy')) {
    const props = resource.Properties ?? {};
    const [bucket] = stringList(props.Bucket, `${logicalId}.Bucket`);
    if (!bucket) throw new TemplateModelError(`AWS::S3::BucketPolicy ${logicalId} names no bucket`);
    guard(`arn:${partition}:s3:::${bucket}`, {
      name: logicalId,
      document: documentOf(props.PolicyDocument, logicalId),
    });
  }

  for (const { logicalId, resource, template } of resourcesOfType(templates, 'AWS::KMS::Key')) {
    const props = resource.Properties ?? {};
    if (props.KeyPolicy === undefined) continue;
    const keyId = template.Refs?.[logicalId];
    if (!keyId)
      throw new TemplateModelError(
        `AWS::KMS::Key ${logicalId} has a key policy but the template carries no Refs entry (its key id)`,
      );
    const keyArn = keyId.startsWith('arn:')
      ? keyId
      : `arn:${partition}:kms:${region}:${accountId}:key/${keyId}`;
    guard(keyArn, { name: logicalId, document: documentOf(props.KeyPolicy, `${logicalId}.KeyPolicy`) });
  }

  for (const { logicalId, resource } of resourcesOfType(templates, 'AWS::SecretsManager::ResourcePolicy')) {
    const props = resource.Properties ?? {};
    const [secretArn] = stringList(props.SecretId, `${logicalId}.SecretId`);
    if (!secretArn?.startsWith('arn:'))
      throw new TemplateModelError(
        `AWS::SecretsManager::ResourcePolicy ${logicalId}: SecretId must resolve to an ARN`,
      );
    guard(secretArn, { name: logicalId, document: documentOf(props.ResourcePolicy, logicalId) });
  }

  for (const { logicalId, resource } of resourcesOfType(templates, 'AWS::SQS::QueuePolicy')) {
    const props = resource.Properties ?? {};
    const policy = { name: logicalId, document: documentOf(props.PolicyDocument, logicalId) };
    for (const queue of stringList(props.Queues, `${logicalId}.Queues`))
      guard(queueArn(queue, scope), policy);
  }

  for (const { logicalId, resource } of resourcesOfType(templates, 'AWS::SNS::TopicPolicy')) {
    const props = resource.Properties ?? {};
    const policy = { name: logicalId, document: documentOf(props.PolicyDocument, logicalId) };
    for (const topic of stringList(props.Topics, `${logicalId}.Topics`)) guard(topic, policy);
  }

  for (const type of ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']) {
    for (const { logicalId, resource, template } of resourcesOfType(templates, type)) {
      const props = resource.Properties ?? {};
      const replica = Array.isArray(props.Replicas)
        ? (props.Replicas as Record<string, unknown>[]).find((r) => r.Region === region)
        : undefined;
      const resourcePolicy = (
        type === 'AWS::DynamoDB::Table' ? props.ResourcePolicy : replica?.ResourcePolicy
      ) as Record<string, unknown> | undefined;
      if (!resourcePolicy) continue;
      const table = typeof props.TableName === 'string' ? props.TableName : template.Refs?.[logicalId];
      if (!table)
        throw new TemplateModelError(`${type} ${logicalId} has a resource policy but no known table name`);
      guard(`arn:${partition}:dynamodb:${region}:${accountId}:table/${table}`, {
        name: logicalId,
        document: documentOf(resourcePolicy.PolicyDocument, `${logicalId}.ResourcePolicy`),
      });
    }
  }

  return { roles, boundaries, resources };
}

/** A queue's ARN from its URL (`Ref` of a queue) or ARN. */
function queueArn(queue: string, { partition, region, accountId }: AwsScope): string {
  if (queue.startsWith('arn:')) return queue;
  const match = /^https?:\/\/[^/]+\/(\d{12})\/([^/?#]+)/.exec(queue);
  if (!match)
    throw new TemplateModelError(`AWS::SQS::QueuePolicy: ${queue} is neither a queue URL nor an ARN`);
  return `arn:${partition}:sqs:${region}:${match[1] ?? accountId}:${match[2]}`;
}
