import * as z from 'zod';

/**
 * The environment, parsed once with zod. Every handler reads its settings from here; a missing or
 * malformed variable fails fast at cold start with one message naming every problem.
 *
 * Handlers add their own variables by extending `baseEnv` (see `loadConfig`'s `schema` parameter),
 * so the base stays small and shared.
 */
const optionalUrl = z
  .string()
  .url()
  .optional()
  .or(z.literal('').transform(() => undefined));

const cidrList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((cidr) => cidr.trim())
      .filter((cidr) => cidr.length > 0),
  )
  .pipe(z.array(z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'must be a list of CIDR blocks')));

export const baseEnv = z.object({
  TABLE_NAME: z.string().min(1),
  UPLOAD_BUCKET: z.string().min(1),
  AWS_REGION: z.string().min(1).default('cn-north-1'),
  /** Local stack only: the emulators' endpoints. Unset in AWS. */
  DYNAMODB_ENDPOINT: optionalUrl,
  S3_ENDPOINT: optionalUrl,
  SFN_ENDPOINT: optionalUrl,
  /** `aws:kms` in AWS; s3rver accepts either value, `AES256` needs no key. */
  UPLOAD_SSE: z.enum(['aws:kms', 'AES256']).default('aws:kms'),
  UPLOAD_KMS_KEY_ID: z.string().optional(),
  /** Presigned POST lifetime; capped at 15 minutes. */
  UPLOAD_EXPIRY_SECONDS: z.coerce.number().int().min(30).max(900).default(600),
  /** Presigned GET lifetime for officers; capped at 5 minutes. */
  DOWNLOAD_EXPIRY_SECONDS: z.coerce.number().int().min(10).max(300).default(120),
  /** The hosting provider's address ranges a filed site must resolve to. */
  HOSTING_CIDRS: cidrList,
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
});
export type BaseConfig = z.infer<typeof baseEnv>;

/** Thrown when the environment is unusable; the message lists every offending variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema` (the base by default); throws ConfigError naming each bad variable. */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

const cache = new Map<z.ZodType, unknown>();

/** The environment parsed once per schema and cached for the life of the process (one Lambda container). */
export function loadConfig<S extends z.ZodType = typeof baseEnv>(schema?: S): z.infer<S> {
  const chosen = (schema ?? baseEnv) as S;
  if (!cache.has(chosen)) cache.set(chosen, parseConfig(chosen, process.env));
  return cache.get(chosen) as z.infer<S>;
}

/** Forgets parsed configuration (tests that change process.env). */
export function resetConfigCache(): void {
  cache.clear();
}

// ---------------------------------------------------------------------------------------------
// The HTTP API's settings (functions/handlers/http/api.ts).

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

export const apiEnv = baseEnv.extend({
  /** The OIDC issuer whose JWTs the API accepts (a Cognito user pool URL, or any OIDC provider). */
  OIDC_ISSUER: z.string().url(),
  /** The client id the tokens must be issued to (`aud`, or `client_id` of Cognito access tokens). */
  OIDC_AUDIENCE: z.string().min(1),
  /** The claim holding the roles. */
  ROLES_CLAIM: z.string().min(1).default('cognito:groups'),
  /** Overrides the JWKS location from the issuer's discovery document. */
  OIDC_JWKS_URL: optionalUrl,
  /**
   * A second issuer for officers and supervisors (global regions: the staff user pool, where MFA is
   * required). When set, OIDC_ISSUER is the applicants' pool: its accounts are applicants, and only
   * this issuer gives the officer and supervisor roles (from ROLES_CLAIM).
   */
  STAFF_OIDC_ISSUER: optionalUrl,
  STAFF_OIDC_AUDIENCE: z.string().min(1).optional(),
  STAFF_OIDC_JWKS_URL: optionalUrl,
  /** The case state machine (CDK sets it; locally the engine's ARN). */
  STATE_MACHINE_ARN: z.string().min(1),
  /**
   * The Secrets Manager secret holding the applicant-entity HMAC key (one open case per entity). The
   * API reads it at run time (functions/api/entity-key-secret.ts); the key itself is never an
   * environment variable, and there is no default: a deployment without it fails at cold start.
   */
  ENTITY_KEY_SECRET_ARN: z.string().min(1),
  /** The documents wait in phases (reminder, reminder, expiry), seconds, comma-separated. */
  DOCUMENT_WAIT_SECONDS: z
    .string()
    .default('2592000,864000,432000')
    .transform((value) => value.split(',').map((part) => Number(part.trim())))
    .pipe(z.array(z.number().int().positive()).length(3)),
  MAX_REVIEW_ROUNDS: z.coerce.number().int().min(1).max(10).default(3),
  MAX_RESCHEDULES: z.coerce.number().int().min(0).max(10).default(2),
  /** Where applicants open their cases (links in responses). */
  PORTAL_URL: optionalUrl,
  /** Browser origins allowed by CORS (the console), comma-separated. */
  CONSOLE_ORIGINS: commaList,
});
export type ApiConfig = z.infer<typeof apiEnv>;

/** The issuers the API trusts, as the JWT verifier takes them (see STAFF_OIDC_ISSUER). */
export function trustedIssuers(
  config: Pick<ApiConfig, 'OIDC_ISSUER' | 'OIDC_AUDIENCE' | 'ROLES_CLAIM'> &
    Partial<
      Pick<ApiConfig, 'OIDC_JWKS_URL' | 'STAFF_OIDC_ISSUER' | 'STAFF_OIDC_AUDIENCE' | 'STAFF_OIDC_JWKS_URL'>
    >,
) {
  const primary = {
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE,
    roleClaim: config.ROLES_CLAIM,
    ...(config.OIDC_JWKS_URL ? { jwksUrl: config.OIDC_JWKS_URL } : {}),
  };
  if (!config.STAFF_OIDC_ISSUER) return [primary];
  return [
    { ...primary, allowedRoles: ['applicant'] as const, grantedRoles: ['applicant'] as const },
    {
      issuer: config.STAFF_OIDC_ISSUER,
      audience: config.STAFF_OIDC_AUDIENCE ?? config.OIDC_AUDIENCE,
      roleClaim: config.ROLES_CLAIM,
      ...(config.STAFF_OIDC_JWKS_URL ? { jwksUrl: config.STAFF_OIDC_JWKS_URL } : {}),
      allowedRoles: ['officer', 'supervisor'] as const,
    },
  ];
}
