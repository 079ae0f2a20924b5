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
  /** Browser origins allowed by the uploads bucket's and the API's CORS (the console's origin). */
  consoleOrigins: string[];
  /** The console's own domain (required in China: an ICP-filed domain) and its certificate. */
  consoleDomain: string | undefined;
  consoleCertificateArn: string | undefined;
  /** China only: the OIDC issuer the API trusts (no Cognito user pools there). */
  oidcIssuer: string | undefined;
  oidcAudience: string | undefined;
  /** Sender domain: an SES identity in global regions, the SMTP provider's domain in China. */
  mailDomain: string;
  alarmEmail: string | undefined;
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
  return {
    partition,
    isChina,
    region,
    account: text(node, 'account'),
    prefix: text(node, 'stackPrefix') ?? 'Icp',
    consoleOrigins: list(node, 'consoleOrigins'),
    consoleDomain: text(node, 'consoleDomain'),
    consoleCertificateArn: text(node, 'consoleCertificateArn'),
    oidcIssuer: text(node, 'oidcIssuer'),
    oidcAudience: text(node, 'oidcAudience'),
    mailDomain: text(node, 'mailDomain') ?? 'icp.example.com',
    alarmEmail: text(node, 'alarmEmail'),
    smtpHost: text(node, 'smtpHost') ?? 'smtp.example.cn',
    smtpPort,
    smtpSecure: flag(node, 'smtpSecure') ?? smtpPort === 465,
    logRetentionDays: retention,
    hostingCidrs: list(node, 'hostingCidrs').join(','),
  };
}

/** Object key prefixes of the uploads bucket: defined once by the S3 file store. */
export { QUARANTINE_PREFIX, UPLOAD_PREFIX } from '#adapters/file-store';
