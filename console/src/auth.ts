/**
 * Sign-in with the OIDC issuer through oidc-client-ts: authorization code + PKCE (S256), state and
 * nonce checked by the library. Its sign-in state lives in sessionStorage for the round trip; the
 * library keeps no user (an in-memory store), the session below lives in sessionStorage (this tab
 * only, gone when it closes), never in localStorage. There is no token refresh: when the ID token
 * expires the user signs in again. The API verifies the token's signature; the console only reads
 * its claims to show the user and pick the role's pages.
 *
 * The library itself (oidc-client-ts, in ./oidc-sign-in.ts) loads only when someone signs in or out
 * or returns from the issuer: a visitor's first page does not carry it.
 */
import { type ConsoleConfig, config } from './config.ts';

export type Role = 'applicant' | 'officer' | 'supervisor';

/**
 * Where a user signs in. In global regions applicants and staff have separate Cognito user pools
 * (`staffIssuer` in config.json; MFA is required for staff only); elsewhere one issuer serves both.
 */
export type Realm = 'applicant' | 'staff';

export interface Session {
  realm: Realm;
  idToken: string;
  accessToken: string;
  expiresAt: number;
  subject: string;
  name: string;
  email: string;
  roles: Role[];
  office?: string;
}

export const SESSION_KEY = 'icp.session';
export const PENDING_KEY = 'icp.signin';
export const REALM_KEY = 'icp.realm';
const ROLE_CLAIM = 'cognito:groups';

/** The issuer and client of a realm: the staff's own when configured, else the one issuer. */
export function issuerOf(realm: Realm, c: ConsoleConfig = config()): { issuer: string; clientId: string } {
  return realm === 'staff' && c.staffIssuer && c.staffClientId
    ? { issuer: c.staffIssuer, clientId: c.staffClientId }
    : { issuer: c.issuer, clientId: c.clientId };
}

/** The console's own address, where the issuer returns with ?code=…&state=… */
export function redirectUri(): string {
  return config().redirectUri ?? `${window.location.origin}${window.location.pathname}`;
}

/** The claims of a JWT (no signature check: the API does that). */
export function decodeJwt(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('Not a JWT');
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/**
 * The roles a session has, by the API's rule (functions/config.ts, trustedIssuers): with separate
 * pools every applicant-pool account is an applicant and staff roles come from the staff pool's
 * groups only; with one issuer the groups say it all.
 */
export function sessionRoles(groups: unknown, realm: Realm, separatePools: boolean): Role[] {
  const claimed = (Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : []).filter(
    (r): r is Role => r === 'applicant' || r === 'officer' || r === 'supervisor',
  );
  if (!separatePools) return claimed;
  return realm === 'applicant' ? ['applicant'] : claimed.filter((r) => r !== 'applicant');
}

/** The session a token describes: who, which roles, when it ends. */
export function sessionFromTokens(idToken: string, accessToken: string, realm: Realm = 'applicant'): Session {
  const claims = decodeJwt(idToken);
  const roles = sessionRoles(claims[ROLE_CLAIM], realm, Boolean(config().staffIssuer));
  return {
    realm,
    idToken,
    accessToken,
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 3_600_000,
    subject: String(claims.sub ?? ''),
    name: String(claims.name ?? claims.email ?? claims.sub ?? ''),
    email: String(claims.email ?? ''),
    roles,
    ...(typeof claims.office === 'string' ? { office: claims.office } : {}),
  };
}

/** The signed-in session, if any and not expired. */
export function currentSession(): Session | undefined {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return undefined;
  try {
    const session = JSON.parse(raw) as Session;
    if (session.expiresAt <= Date.now() + 10_000) {
      sessionStorage.removeItem(SESSION_KEY);
      return undefined;
    }
    return session;
  } catch {
    sessionStorage.removeItem(SESSION_KEY);
    return undefined;
  }
}

/** Where this tab last signed in (kept after the session expires, to sign in there again). */
export const lastRealm = (): Realm => (sessionStorage.getItem(REALM_KEY) === 'staff' ? 'staff' : 'applicant');

/** The bearer token the API accepts (the ID token: it carries the user's name and email). */
export const bearerToken = (): string | undefined => currentSession()?.idToken;

/** Sends the browser to the realm's login page; `returnTo` is the hash route to open afterwards. */
export async function signIn(returnTo = '', lang = 'zh-CN', realm: Realm = 'applicant'): Promise<void> {
  return (await import('./oidc-sign-in.ts')).signIn(returnTo, lang, realm);
}

/**
 * Completes a sign-in when the page was opened by the issuer's redirect (?code&state). Returns the
 * route to continue to, or undefined when the URL is not a sign-in callback.
 */
export async function completeSignIn(): Promise<{ returnTo: string } | undefined> {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) return undefined;
  return (await import('./oidc-sign-in.ts')).completeSignIn();
}

/** Forgets the tokens and ends the issuer's session too, so the next person at this browser must sign in. */
export async function signOut(): Promise<void> {
  return (await import('./oidc-sign-in.ts')).signOut();
}
