/**
 * Sign-in with the OIDC issuer: authorization code + PKCE (S256). The PKCE verifier, state and nonce
 * live in sessionStorage for the round trip; the tokens live in sessionStorage (this tab only,
 * gone when it closes), never in localStorage. The API verifies the token's signature; the console
 * only reads its claims to show the user and pick the role's pages.
 */
import { config } from './config.ts';
import { codeChallenge, randomString } from './pkce.ts';

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

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

const SESSION_KEY = 'icp.session';
const PENDING_KEY = 'icp.signin';
const REALM_KEY = 'icp.realm';
const ROLE_CLAIM = 'cognito:groups';

/** The issuer and client of a realm: the staff's own when configured, else the one issuer. */
export function issuerOf(realm: Realm): { issuer: string; clientId: string } {
  const c = config();
  return realm === 'staff' && c.staffIssuer && c.staffClientId
    ? { issuer: c.staffIssuer, clientId: c.staffClientId }
    : { issuer: c.issuer, clientId: c.clientId };
}

const discoveries = new Map<string, Promise<Discovery>>();

function discover(realm: Realm): Promise<Discovery> {
  const { issuer } = issuerOf(realm);
  let discovery = discoveries.get(issuer);
  if (!discovery) {
    discovery = fetch(`${issuer}/.well-known/openid-configuration`).then(async (r) => {
      if (!r.ok) throw new Error(`OIDC discovery failed: HTTP ${r.status}`);
      return (await r.json()) as Discovery;
    });
    discoveries.set(issuer, discovery);
  }
  return discovery;
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
  const { authorization_endpoint } = await discover(realm);
  const verifier = randomString(48);
  const state = randomString(16);
  const nonce = randomString(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, nonce, returnTo, realm }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: issuerOf(realm).clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await codeChallenge(verifier),
    code_challenge_method: 'S256',
    ui_locales: lang,
  }).toString();
  window.location.assign(url.toString());
}

export class SignInError extends Error {}

/**
 * Completes a sign-in when the page was opened by the issuer's redirect (?code&state). Returns the
 * route to continue to, or undefined when the URL is not a sign-in callback.
 */
export async function completeSignIn(): Promise<{ returnTo: string } | undefined> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const state = params.get('state');
  const error = params.get('error');
  if (!code && !error) return undefined;
  // Drop code and state from the address bar at once: they must not be bookmarked or reused.
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    nonce: string;
    returnTo: string;
    realm?: Realm;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (error) throw new SignInError(params.get('error_description') ?? error);
  if (!pending || pending.state !== state) throw new SignInError('state mismatch');
  const realm = pending.realm ?? 'applicant';
  const { token_endpoint } = await discover(realm);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code as string,
      redirect_uri: redirectUri(),
      client_id: issuerOf(realm).clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new SignInError(`token endpoint: HTTP ${response.status}`);
  const tokens = (await response.json()) as { id_token?: string; access_token?: string };
  if (!tokens.id_token) throw new SignInError('no id_token');
  const claims = decodeJwt(tokens.id_token);
  // The nonce is required: a token minted for another sign-in is refused even if it carries none.
  if (claims.nonce !== pending.nonce) throw new SignInError('nonce mismatch');
  const session = sessionFromTokens(tokens.id_token, tokens.access_token ?? tokens.id_token, realm);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  sessionStorage.setItem(REALM_KEY, realm);
  return { returnTo: pending.returnTo };
}

/**
 * Where to send the browser to end the issuer's session too: the OIDC end-session endpoint when
 * discovery names one, else Cognito's logout endpoint from config.json; undefined when neither exists.
 */
export function logoutLocation(options: {
  endSessionEndpoint: string | undefined;
  cognitoLogoutUrl: string | undefined;
  clientId: string;
  idToken: string;
  returnTo: string;
}): string | undefined {
  if (options.endSessionEndpoint) {
    const url = new URL(options.endSessionEndpoint);
    url.searchParams.set('client_id', options.clientId);
    url.searchParams.set('id_token_hint', options.idToken);
    url.searchParams.set('post_logout_redirect_uri', options.returnTo);
    return url.toString();
  }
  if (options.cognitoLogoutUrl) {
    const url = new URL(options.cognitoLogoutUrl);
    url.searchParams.set('client_id', options.clientId);
    url.searchParams.set('logout_uri', options.returnTo);
    return url.toString();
  }
  return undefined;
}

/** Forgets the tokens and ends the issuer's session too, so the next person at this browser must sign in. */
export async function signOut(): Promise<void> {
  const session = currentSession();
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const realm = session?.realm ?? 'applicant';
  let endSessionEndpoint: string | undefined;
  try {
    endSessionEndpoint = (await discover(realm)).end_session_endpoint;
  } catch {
    endSessionEndpoint = undefined;
  }
  const location = session
    ? logoutLocation({
        endSessionEndpoint,
        cognitoLogoutUrl: realm === 'staff' ? config().staffLogoutUrl : config().logoutUrl,
        clientId: issuerOf(realm).clientId,
        idToken: session.idToken,
        returnTo: redirectUri(),
      })
    : undefined;
  if (location) {
    window.location.assign(location);
    return;
  }
  window.location.hash = '#/';
  window.location.reload();
}
