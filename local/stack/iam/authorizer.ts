/**
 * Decides whether a local principal may make an AWS call, as IAM would in the deployment: the
 * identity policies the templates attach to the caller's role, the resource policy of the target
 * (bucket, key, secret, queue, topic, table policies) and the role's permissions boundary, evaluated
 * by @cloud-copilot/iam-simulate with AWS's same-account rules (an identity allow suffices unless a
 * resource policy denies; a KMS key's policy must allow, directly or by trusting the account).
 *
 * The account root (`arn:<partition>:iam::<account>:root`, the local stack's operator credential)
 * is always allowed.
 */
import {
  getDenialReasons,
  runSimulation,
  runUnsafeSimulation,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import { type AwsScope, type ResolvedTemplate, TemplateModelError } from './resolved-template.ts';
import {
  collectPolicies,
  type NamedPolicy,
  resourcePolicyFor,
  type TemplatePolicies,
} from './role-policies.ts';

export interface AuthorizationRequest {
  /** The caller: an assumed-role session ARN, a role ARN, or the account root. */
  principalArn: string;
  /** `service:Action`, e.g. `dynamodb:PutItem`. */
  action: string;
  /** The resource ARN, or `*` for actions without a resource. */
  resource: string;
  /** Request-specific condition keys (`kms:ViaService`, `ses:FromAddress`, …). */
  context?: Record<string, string | string[]>;
}

/** Which kind of policy decided a denial, in the words of AWS's AccessDenied messages. */
export type DenyingPolicyType = 'identity-based policy' | 'resource-based policy' | 'permissions boundary';

export interface AuthorizationDecision {
  allowed: boolean;
  result: 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';
  /** For a denial: the policy type AWS names, and whether a Deny statement matched. */
  deniedBy?: { policyType: DenyingPolicyType; explicit: boolean };
  /** For a denial: AWS's message, "User: … is not authorized to perform: … on resource: … because …". */
  message?: string;
  /** The policies that took part (identity, boundary, resource), for log lines. */
  policies: string[];
}

export interface Authorizer {
  authorize(request: AuthorizationRequest): Promise<boolean>;
  /** The decision with the reason and AWS's message, for error responses and log lines. */
  explain(request: AuthorizationRequest): Promise<AuthorizationDecision>;
}

export interface AuthorizerOptions extends AwsScope {
  /** The resolved templates of every stack of the local deployment. */
  templates: readonly ResolvedTemplate[];
}

type Principal = { kind: 'root' } | { kind: 'role'; roleName: string; roleArn: string } | { kind: 'other' };

function parsePrincipal(principalArn: string, { partition, accountId }: AwsScope): Principal {
  const match = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/.exec(principalArn);
  if (!match || match[1] !== partition || match[3] !== accountId) return { kind: 'other' };
  const [, , service, , resource = ''] = match;
  if (service === 'iam' && resource === 'root') return { kind: 'root' };
  let roleName: string | undefined;
  if (service === 'sts' && resource.startsWith('assumed-role/')) roleName = resource.split('/')[1];
  // A role ARN may carry a path (`role/service-role/Name`): the name is the last segment.
  if (service === 'iam' && resource.startsWith('role/')) roleName = resource.split('/').at(-1);
  if (!roleName) return { kind: 'other' };
  return { kind: 'role', roleName, roleArn: `arn:${partition}:iam::${accountId}:role/${roleName}` };
}

/** The tail of AWS's AccessDenied message: "because no … allows …" or "with an explicit deny in …". */
export function denialReason(
  action: string,
  deniedBy: { policyType: DenyingPolicyType; explicit: boolean },
): string {
  const article = deniedBy.policyType === 'identity-based policy' ? 'an' : 'a';
  return deniedBy.explicit
    ? `with an explicit deny in ${article} ${deniedBy.policyType}`
    : `because no ${deniedBy.policyType} allows the ${action} action`;
}

/** AWS's AccessDenied message (the format DynamoDB, Step Functions, Secrets Manager and KMS use). */
export function accessDeniedMessage(
  request: Pick<AuthorizationRequest, 'principalArn' | 'action' | 'resource'>,
  deniedBy: { policyType: DenyingPolicyType; explicit: boolean },
): string {
  const { principalArn, action, resource } = request;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${denialReason(action, deniedBy)}`;
}

const POLICY_TYPE: Record<string, DenyingPolicyType> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  pb: 'permissions boundary',
};

/** Past this many remembered decisions the cache starts over (object ARNs make the key space open). */
const CACHE_LIMIT = 20_000;

/** Builds the authorizer for a local deployment's templates; fails loudly on policies it cannot model. */
export function createAuthorizer(options: AuthorizerOptions): Authorizer {
  const scope: AwsScope = {
    partition: options.partition,
    region: options.region,
    accountId: options.accountId,
  };
  const policies: TemplatePolicies = collectPolicies(options.templates, scope);
  // Decisions are cached per request; a policy reading the clock would make a cached answer stale.
  const readsClock = /aws:(CurrentTime|EpochTime)/i.test(
    JSON.stringify([
      ...policies.roles.values(),
      ...policies.boundaries.values(),
      ...policies.resources.values(),
    ]),
  );
  const cache = new Map<string, Promise<AuthorizationDecision>>();

  const explain = (request: AuthorizationRequest): Promise<AuthorizationDecision> => {
    if (readsClock) return evaluate(request, policies, scope);
    const key = JSON.stringify([
      request.principalArn,
      request.action,
      request.resource,
      request.context ?? {},
    ]);
    let decision = cache.get(key);
    if (!decision) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      decision = evaluate(request, policies, scope);
      cache.set(key, decision);
      // A failure (a template the simulator rejects) is not remembered: it is reported every time.
      decision.catch(() => cache.delete(key));
    }
    return decision;
  };

  return {
    explain,
    authorize: async (request) => (await explain(request)).allowed,
  };
}

async function evaluate(
  request: AuthorizationRequest,
  policies: TemplatePolicies,
  scope: AwsScope,
): Promise<AuthorizationDecision> {
  const principal = parsePrincipal(request.principalArn, scope);
  if (principal.kind === 'root') return { allowed: true, result: 'Allowed', policies: [] };

  const identity: readonly NamedPolicy[] =
    principal.kind === 'role' ? (policies.roles.get(principal.roleName) ?? []) : [];
  const boundary = principal.kind === 'role' ? policies.boundaries.get(principal.roleName) : undefined;
  const resourcePolicy = request.resource === '*' ? undefined : resourcePolicyFor(policies, request.resource);
  const consulted = [
    ...identity,
    ...(boundary ? [boundary] : []),
    ...(resourcePolicy ? [resourcePolicy] : []),
  ].map((p) => p.name);
  const denied = (result: 'ImplicitlyDenied' | 'ExplicitlyDenied', policyType: DenyingPolicyType) => {
    const deniedBy = { policyType, explicit: result === 'ExplicitlyDenied' };
    return {
      allowed: false,
      result,
      deniedBy,
      message: accessDeniedMessage(request, deniedBy),
      policies: consulted,
    } satisfies AuthorizationDecision;
  };
  if (principal.kind === 'other') return denied('ImplicitlyDenied', 'identity-based policy');

  const now = new Date();
  const simulation: Simulation = {
    request: {
      principal: request.principalArn,
      action: request.action,
      resource: { resource: request.resource, accountId: scope.accountId },
      contextVariables: {
        // Functions reach the local stand-ins over plain HTTP on loopback, where AWS's endpoints
        // are TLS only. The loopback transport is the local equivalent of TLS, so it counts as
        // secure: otherwise CDK's enforceSSL statements (Deny when aws:SecureTransport is false)
        // in bucket and queue policies would deny every local call.
        'aws:SecureTransport': 'true',
        ...(request.action.startsWith('s3:') ? { 's3:TlsVersion': '1.3' } : {}),
        'aws:PrincipalArn': principal.roleArn,
        'aws:PrincipalAccount': scope.accountId,
        'aws:PrincipalType': request.principalArn.includes(':assumed-role/') ? 'AssumedRole' : 'Role',
        'aws:PrincipalIsAWSService': 'false',
        'aws:ViaAWSService': 'false',
        'aws:RequestedRegion': scope.region,
        'aws:CurrentTime': now.toISOString(),
        'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
        ...request.context,
      },
    },
    identityPolicies: identity.map((p) => ({ name: p.name, policy: p.document })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy: resourcePolicy.document } : {}),
    ...(boundary ? { permissionBoundaryPolicies: [{ name: boundary.name, policy: boundary.document }] } : {}),
  };

  // A `*` inside a requested ARN (an S3 key may hold one) is a character, not a pattern: the
  // validating simulation would expand it as a wildcard request, so evaluate it literally.
  const literal = request.resource !== '*' && request.resource.includes('*');
  const response = literal ? undefined : await runSimulation(simulation, {});
  if (!response || response.resultType === 'error') {
    if (response) {
      const { message, ...details } = response.errors;
      if (Object.keys(details).length > 0)
        throw new TemplateModelError(
          `IAM policies of the templates do not validate (${message}) for ${request.action} by ${request.principalArn}: ${JSON.stringify(details)}`,
        );
    }
    // A literal `*`, or a request whose shape is not what iam-data expects: an action it lists
    // without resource types but that AWS authorizes on a resource (Step Functions' SendTask* on
    // the state machine, as CDK's grantTaskResponse grants it), or an action newer than iam-data.
    // Evaluate the policies as written, without the request validation.
    // runUnsafeSimulation loads the resource policy without its name and then reads the name: a
    // pre-validated policy (iam-policy's ValidatedPolicy, a plain object) carries it.
    const unsafe: Simulation = resourcePolicy
      ? {
          ...simulation,
          resourcePolicy: {
            __validated: true,
            policyDocument: resourcePolicy.document,
            metadata: { name: resourcePolicy.name },
            errors: [],
          },
        }
      : simulation;
    const result = runUnsafeSimulation(unsafe, {});
    if (result === 'Allowed') return { allowed: true, result, policies: consulted };
    const identityOnly = runUnsafeSimulation({ ...simulation, resourcePolicy: undefined }, {});
    const byIdentity =
      result === 'ExplicitlyDenied' ? identityOnly === 'ExplicitlyDenied' : identityOnly !== 'Allowed';
    return denied(result, byIdentity ? 'identity-based policy' : 'resource-based policy');
  }

  if (response.overallResult === 'Allowed') return { allowed: true, result: 'Allowed', policies: consulted };
  const analysis =
    response.resultType === 'single' ? response.result.analysis : response.results[0]?.analysis;
  const reasons = analysis ? getDenialReasons(analysis) : [];
  const reason = reasons.find((r) => r.denialType === 'Explicit') ?? reasons[0];
  // No reason given: the resource's policy neither allowed nor trusted the account (a KMS key
  // whose key policy does not delegate to IAM).
  const policyType = POLICY_TYPE[reason?.policyType ?? 'resource'] ?? 'identity-based policy';
  return denied(response.overallResult, policyType);
}
