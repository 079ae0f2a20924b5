/**
 * The OIDC round trips through oidc-client-ts (authorization code + PKCE S256, state and nonce
 * checked by the library), split from ./auth.ts so the library loads only when needed: auth.ts
 * imports this module dynamically from signIn, completeSignIn and signOut.
 */
import {
  InMemoryWebStorage,
  type SignoutRedirectArgs,
  type User,
  UserManager,
  type UserManagerSettings,
  WebStorageStateStore,
} from 'oidc-client-ts';
import {
  currentSession,
  issuerOf,
  PENDING_KEY,
  REALM_KEY,
  type Realm,
  redirectUri,
  SESSION_KEY,
  sessionFromTokens,
} from './auth.ts';
import { type ConsoleConfig, config } from './config.ts';
import { clearAllDrafts } from './form-drafts.ts';
import { ensureSha256Digest, randomString } from './pkce.ts';

/**
 * The oidc-client-ts settings of a realm. Cognito's discovery names no end-session endpoint, so its
 * logout endpoint from config.json (`logoutUrl` / `staffLogoutUrl`) is seeded into the metadata.
 */
export function oidcSettings(
  c: ConsoleConfig,
  realm: Realm,
  redirect_uri: string,
  stateStorage: Storage,
): UserManagerSettings {
  const { issuer, clientId } = issuerOf(realm, c);
  const logoutUrl = realm === 'staff' ? c.staffLogoutUrl : c.logoutUrl;
  return {
    authority: issuer,
    client_id: clientId,
    redirect_uri,
    response_type: 'code',
    scope: 'openid email profile',
    stateStore: new WebStorageStateStore({ store: stateStorage }),
    // The library keeps no copy of the tokens: the session below is the one the console reads.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: false,
    loadUserInfo: false,
    ...(logoutUrl ? { metadataSeed: { end_session_endpoint: logoutUrl } } : {}),
  };
}

const managers = new Map<Realm, UserManager>();

function managerOf(realm: Realm): UserManager {
  let manager = managers.get(realm);
  if (!manager) {
    manager = new UserManager(oidcSettings(config(), realm, redirectUri(), sessionStorage));
    managers.set(realm, manager);
  }
  return manager;
}

/** Sends the browser to the realm's login page; `returnTo` is the hash route to open afterwards. */
export async function signIn(returnTo = '', lang = 'zh-CN', realm: Realm = 'applicant'): Promise<void> {
  ensureSha256Digest();
  sessionStorage.setItem(PENDING_KEY, realm);
  await managerOf(realm).signinRedirect({ state: { returnTo }, nonce: randomString(16), ui_locales: lang });
}

export class SignInError extends Error {}

/**
 * Completes a sign-in when the page was opened by the issuer's redirect (?code&state). Returns the
 * route to continue to, or undefined when the URL is not a sign-in callback.
 */
export async function completeSignIn(): Promise<{ returnTo: string } | undefined> {
  const url = window.location.href;
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) return undefined;
  // Drop code and state from the address bar at once: they must not be bookmarked or reused.
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  const pending = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (pending !== 'applicant' && pending !== 'staff') throw new SignInError('state mismatch');
  const realm: Realm = pending;
  let user: User;
  try {
    // The library checks the state, exchanges the code with the PKCE verifier and requires the
    // ID token's nonce to be the one this sign-in sent (a token without one is refused).
    user = await managerOf(realm).signinRedirectCallback(url);
  } catch (error) {
    throw new SignInError(error instanceof Error ? error.message : String(error));
  }
  if (!user.id_token) throw new SignInError('no id_token');
  const session = sessionFromTokens(user.id_token, user.access_token || user.id_token, realm);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  sessionStorage.setItem(REALM_KEY, realm);
  const state = user.state as { returnTo?: unknown } | undefined;
  return { returnTo: typeof state?.returnTo === 'string' ? state.returnTo : '' };
}

/**
 * How to end the issuer's session too: Cognito's logout endpoint (seeded from config.json) takes
 * `client_id` and `logout_uri`; an OIDC end-session endpoint named by discovery takes the ID token
 * hint and `post_logout_redirect_uri`; undefined when there is neither.
 */
export function signoutArgs(options: {
  endSessionEndpoint: string | undefined;
  cognitoLogoutUrl: string | undefined;
  clientId: string;
  idToken: string;
  returnTo: string;
}): SignoutRedirectArgs | undefined {
  if (!options.endSessionEndpoint) return undefined;
  if (options.endSessionEndpoint === options.cognitoLogoutUrl) {
    return { extraQueryParams: { client_id: options.clientId, logout_uri: options.returnTo } };
  }
  return {
    id_token_hint: options.idToken,
    post_logout_redirect_uri: options.returnTo,
    extraQueryParams: { client_id: options.clientId },
  };
}

/** Forgets the tokens and ends the issuer's session too, so the next person at this browser must sign in. */
export async function signOut(): Promise<void> {
  const session = currentSession();
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  clearAllDrafts(); // forms as typed hold ID numbers: gone with the session
  if (session) {
    const realm = session.realm;
    const manager = managerOf(realm);
    let args: SignoutRedirectArgs | undefined;
    try {
      args = signoutArgs({
        endSessionEndpoint: await manager.metadataService.getEndSessionEndpoint(),
        cognitoLogoutUrl: realm === 'staff' ? config().staffLogoutUrl : config().logoutUrl,
        clientId: issuerOf(realm).clientId,
        idToken: session.idToken,
        returnTo: redirectUri(),
      });
    } catch {
      args = undefined; // discovery unreachable: the tokens are gone from this tab all the same
    }
    if (args) {
      await manager.removeUser();
      await manager.signoutRedirect(args);
      return;
    }
  }
  window.location.hash = '#/';
  window.location.reload();
}
