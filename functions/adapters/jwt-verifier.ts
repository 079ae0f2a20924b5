import { createRemoteJWKSet, decodeJwt, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import { DomainError } from '#domain/errors';

export const Roles = ['applicant', 'officer', 'supervisor'] as const;
export type Role = (typeof Roles)[number];

/** Who is calling, as the verified token says. */
export interface Principal {
  subject: string;
  roles: Role[];
  email?: string;
  name?: string;
  /** The office an officer works from (`BJ`, `SH`), from the `office` or `custom:office` claim. */
  office?: string;
}

export interface JwtVerifierSettings {
  issuer: string;
  /** Accepted as `aud` (ID tokens, most OIDC providers) or `client_id` (Cognito access tokens). */
  audience: string;
  /** The claim holding the roles: `cognito:groups` for Cognito; an array or a space-separated string. */
  roleClaim: string;
  /** The roles this issuer may give (default: all); a role its tokens claim beyond these is ignored. */
  allowedRoles?: readonly Role[];
  /**
   * Roles every account of this issuer has, claimed or not: the applicant user pool, whose
   * self-registered accounts belong to no group.
   */
  grantedRoles?: readonly Role[];
  /** Defaults to the issuer's discovery document's `jwks_uri`. */
  jwksUrl?: string;
}

export type JwtVerifier = (token: string) => Promise<Principal>;

const unauthorized = (message: string, messageZh: string) =>
  new DomainError({ code: 'UNAUTHORIZED', message, messageZh });

/**
 * Verifies OIDC JWTs from one or more trusted issuers. In global regions applicants and staff sign
 * in to separate Cognito user pools (MFA is required in the staff pool only); a token is checked
 * against the issuer its `iss` names, and an issuer nobody configured is refused.
 */
export function createJwtVerifier(
  settings: JwtVerifierSettings | readonly JwtVerifierSettings[],
): JwtVerifier {
  const trusted = new Map([settings].flat().map((one) => [one.issuer, createIssuerVerifier(one)] as const));
  return async (token) => {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw unauthorized('The access token is not valid.', '访问令牌无效，请重新登录。');
    }
    const verify = typeof issuer === 'string' ? trusted.get(issuer) : undefined;
    if (!verify) throw unauthorized('The access token is not valid.', '访问令牌无效，请重新登录。');
    return verify(token);
  };
}

/**
 * Verifies one issuer's JWTs against its JWKS (fetched once and cached by jose, refreshed on an
 * unknown key id). Works with Cognito user pools and with any OIDC provider, which the China
 * partition needs since it has no user pools.
 */
function createIssuerVerifier(settings: JwtVerifierSettings): JwtVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keys = async () => {
    if (!jwks)
      jwks = createRemoteJWKSet(new URL(settings.jwksUrl ?? (await discoverJwksUrl(settings.issuer))));
    return jwks;
  };

  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keys(), {
        issuer: settings.issuer,
        algorithms: ['RS256', 'ES256'],
        clockTolerance: 5,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw unauthorized('The sign-in has expired. Please sign in again.', '登录已过期，请重新登录。');
      }
      throw unauthorized('The access token is not valid.', '访问令牌无效，请重新登录。');
    }
    const audiences = [payload.aud, payload.client_id]
      .flat()
      .filter((a): a is string => typeof a === 'string');
    if (!audiences.includes(settings.audience)) {
      throw unauthorized(
        'The access token is for another application.',
        '访问令牌不属于本应用，请重新登录。',
      );
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw unauthorized('The access token names no user.', '访问令牌缺少用户信息。');
    }
    return {
      subject: payload.sub,
      roles: rolesOf(settings, payload[settings.roleClaim]),
      ...optionalString('email', payload.email),
      ...optionalString('name', payload.name),
      ...optionalString('office', payload.office ?? payload['custom:office']),
    };
  };
}

function rolesOf(settings: JwtVerifierSettings, claim: unknown): Role[] {
  const claimed = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  const allowed = settings.allowedRoles ?? Roles;
  const granted = settings.grantedRoles ?? [];
  return Roles.filter((role) => granted.includes(role) || (allowed.includes(role) && claimed.includes(role)));
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}

async function discoverJwksUrl(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OIDC discovery failed for ${issuer}: HTTP ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: string };
  if (!document.jwks_uri) throw new Error(`OIDC discovery for ${issuer} has no jwks_uri`);
  return document.jwks_uri;
}
