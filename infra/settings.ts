import type { Node } from 'constructs';

/**
 * Deployment settings, read once from CDK context (`-c key=value` or cdk.json). Nothing here is
 * looked up in an account: `npx cdk synth` works offline and without credentials.
 */
export type Partition = 'aws' | 'aws-cn';

export interface DeploymentSettings {
  partition: Partition;
  isChina: boolean;
  region: string;
  /** Undefined keeps the stacks account-agnostic (`AWS::AccountId` at deploy time). */
  account: string | undefined;
  /** Name prefix of the stacks, e.g. `Icp` → `IcpStateful`, `IcpStateless`. */
  prefix: string;
  /**
   * Browser origins allowed by the uploads bucket's and the API's CORS (the console's origin);
   * `https://<consoleDomain>` when not given.
   */
  consoleOrigins: string[];
  /** The console's own domain (required in China: an ICP-filed domain). */
  consoleDomain: string | undefined;
  /** Global regions: the console domain's ACM certificate (us-east-1, as CloudFront requires). */
  consoleCertificateArn: string | undefined;
  /** China: the console domain's IAM server certificate (CloudFront China takes no ACM certificate). */
  consoleIamCertificateId: string | undefined;
  /** The API's own domain (required in China: an ICP-filed domain) and its regional ACM certificate. */
  apiDomain: string | undefined;
  apiCertificateArn: string | undefined;
  /** China only: the OIDC issuer the API trusts (no Cognito user pools there). */
  oidcIssuer: string | undefined;
  oidcAudience: string | undefined;
  /** Sender domain: an SES identity in global regions, the SMTP provider's domain in China. */
  mailDomain: string;
  alarmEmail: string | undefined;
  /**
   * Global regions: Cognito sends its codes through SES as `no-reply@<mailDomain>`. Off until the
   * SES identity is verified (Cognito refuses an unverified one, which would fail the first deploy).
   */
  cognitoEmailThroughSes: boolean;
  /** China: the SMTP provider (credentials in the SMTP secret). */
  smtpHost: string;
  smtpPort: number;
  /**
   * Implicit TLS from the first byte (port 465); false means STARTTLS, which the SMTP sender then
   * requires (it never falls back to plain text in AWS). Defaults from the port.
   */
  smtpSecure: boolean;
  logRetentionDays: number;
  hostingCidrs: string;
}

/**
 * What a China deploy cannot do without, and why: the synth fails naming every one that is missing
 * rather than deploying something nobody can reach or sign in to.
 */
export const CHINA_REQUIRED_CONTEXT = {
  oidcIssuer: 'the OIDC issuer (https URL) whose tokens the API accepts; China has no Cognito user pools',
  oidcAudience: "the audience (client id) of the console's tokens at that issuer",
  consoleDomain: "the console's ICP-filed domain; CloudFront China cannot serve content on *.cloudfront.cn",
  consoleIamCertificateId:
    'the IAM server certificate id (ASCA…) of consoleDomain; CloudFront China takes no ACM certificate',
  apiDomain: "the API's ICP-filed domain; API Gateway China serves the public only on a filed custom domain",
  apiCertificateArn: 'the ACM certificate ARN (same region) of apiDomain',
} as const;

/**
 * Example values for the China keys: what `npm run synth` and the tests pass to synthesize China
 * offline. Nothing resolves them; they are never a deployment's values.
 */
export const CHINA_EXAMPLE_CONTEXT: Record<keyof typeof CHINA_REQUIRED_CONTEXT, string> = {
  oidcIssuer: 'https://idp.example.cn/realms/icp',
  oidcAudience: 'icp-console',
  consoleDomain: 'icp-console.example.cn',
  consoleIamCertificateId: 'ASCAEXAMPLEEXAMPLE0001',
  apiDomain: 'icp-api.example.cn',
  apiCertificateArn:
    'arn:aws-cn:acm:cn-north-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
};

export const DEFAULT_GLOBAL_REGION = 'ap-southeast-1';
export const DEFAULT_CHINA_REGION = 'cn-north-1';

type ContextReader = Pick<Node, 'tryGetContext'>;

function text(node: ContextReader, key: string): string | undefined {
  const value = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function flag(node: ContextReader, key: string): boolean | undefined {
  const value = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`context ${key} must be "true" or "false", got "${String(value)}"`);
}

function list(node: ContextReader, key: string): string[] {
  const value = node.tryGetContext(key);
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  return [];
}

/**
 * The keys that make a deployment reachable: China's required keys (all missing ones named in one
 * error), an https issuer, each domain with its certificate, each certificate of its partition.
 */
function checkDomainsAndSignIn(node: ContextReader, isChina: boolean): void {
  const missing = isChina
    ? Object.entries(CHINA_REQUIRED_CONTEXT).filter(([key]) => text(node, key) === undefined)
    : [];
  if (missing.length > 0) {
    throw new Error(
      [
        `A China (aws-cn) deployment needs ${missing.length === 1 ? 'this context key' : 'these context keys'} (-c key=value):`,
        ...missing.map(([key, why]) => `  ${key}: ${why}`),
        'docs/deploy.md lists them; `npm run synth` passes example values.',
      ].join('\n'),
    );
  }
  const oidcIssuer = text(node, 'oidcIssuer');
  if (oidcIssuer !== undefined && !/^https:\/\/[^/]/.test(oidcIssuer)) {
    throw new Error(`context oidcIssuer must be an https URL, got "${oidcIssuer}"`);
  }
  if (isChina && text(node, 'consoleCertificateArn') !== undefined) {
    throw new Error(
      'context consoleCertificateArn is for global regions (ACM); China takes consoleIamCertificateId',
    );
  }
  if (!isChina && text(node, 'consoleIamCertificateId') !== undefined) {
    throw new Error(
      'context consoleIamCertificateId is for China; global regions take consoleCertificateArn (ACM, us-east-1)',
    );
  }
  // A domain without its certificate (or the reverse) would be dropped silently by CloudFront or
  // API Gateway wiring; say so at synth time instead.
  const pairs: Array<[string, string]> = [
    ['apiDomain', 'apiCertificateArn'],
    isChina ? ['consoleDomain', 'consoleIamCertificateId'] : ['consoleDomain', 'consoleCertificateArn'],
  ];
  for (const [domain, certificate] of pairs) {
    if ((text(node, domain) === undefined) !== (text(node, certificate) === undefined)) {
      throw new Error(`context ${domain} and ${certificate} go together: set both or neither`);
    }
  }
}

/** Reads the settings from the app's context; throws on an unknown partition. */
export function readSettings(node: ContextReader): DeploymentSettings {
  const partitionText = text(node, 'partition') ?? 'aws';
  if (partitionText !== 'aws' && partitionText !== 'aws-cn') {
    throw new Error(`context partition must be "aws" or "aws-cn", got "${partitionText}"`);
  }
  const partition: Partition = partitionText;
  const isChina = partition === 'aws-cn';
  const region = text(node, 'region') ?? (isChina ? DEFAULT_CHINA_REGION : DEFAULT_GLOBAL_REGION);
  if (isChina !== region.startsWith('cn-')) {
    throw new Error(`region ${region} is not in partition ${partition}`);
  }
  const retention = Number(text(node, 'logRetentionDays') ?? 90);
  const smtpPort = Number(text(node, 'smtpPort') ?? 465);
  if (!Number.isInteger(smtpPort) || smtpPort < 1 || smtpPort > 65535) {
    throw new Error(`context smtpPort must be a TCP port, got "${text(node, 'smtpPort')}"`);
  }
  checkDomainsAndSignIn(node, isChina);
  // The console's own domain is its origin unless the origins are given.
  const consoleDomain = text(node, 'consoleDomain');
  const givenOrigins = list(node, 'consoleOrigins');
  const consoleOrigins =
    givenOrigins.length > 0 || !consoleDomain ? givenOrigins : [`https://${consoleDomain}`];
  return {
    partition,
    isChina,
    region,
    account: text(node, 'account'),
    prefix: text(node, 'stackPrefix') ?? 'Icp',
    consoleOrigins,
    consoleDomain,
    consoleCertificateArn: text(node, 'consoleCertificateArn'),
    consoleIamCertificateId: text(node, 'consoleIamCertificateId'),
    apiDomain: text(node, 'apiDomain'),
    apiCertificateArn: text(node, 'apiCertificateArn'),
    oidcIssuer: text(node, 'oidcIssuer'),
    oidcAudience: text(node, 'oidcAudience'),
    mailDomain: text(node, 'mailDomain') ?? 'icp.example.com',
    alarmEmail: text(node, 'alarmEmail'),
    cognitoEmailThroughSes: flag(node, 'cognitoEmailThroughSes') ?? false,
    smtpHost: text(node, 'smtpHost') ?? 'smtp.example.cn',
    smtpPort,
    smtpSecure: flag(node, 'smtpSecure') ?? smtpPort === 465,
    logRetentionDays: retention,
    hostingCidrs: list(node, 'hostingCidrs').join(','),
  };
}

/** Object key prefixes of the uploads bucket: defined once by the S3 file store. */
export { QUARANTINE_PREFIX, UPLOAD_PREFIX } from '#adapters/file-store';
