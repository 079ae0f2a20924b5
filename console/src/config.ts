/** Run-time settings, read once from /config.json beside index.html (the same build serves every stage). */
export interface ConsoleConfig {
  /** Base URL of the HTTP API, without a trailing slash. */
  apiUrl: string;
  /** OIDC issuer URL; discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /**
   * Global regions: the staff user pool (officers and supervisors, MFA required) and its client.
   * Without them the one issuer above serves every role.
   */
  staffIssuer?: string;
  staffClientId?: string;
  /**
   * Cognito's logout endpoints (`https://<domain>/logout`): its discovery document names no
   * end-session endpoint, and without them signing out would leave the pool's session open.
   */
  logoutUrl?: string;
  staffLogoutUrl?: string;
  /** Local stack only: the captured-mail inbox, linked from the footer. */
  mailboxUrl?: string;
  /** Where the issuer sends the user back; defaults to the console's own URL (without hash or query). */
  redirectUri?: string;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** Checks the shape of config.json; throws a readable error naming the bad key. */
export function parseConfig(raw: unknown): ConsoleConfig {
  if (!raw || typeof raw !== 'object') throw new Error('config.json is not a JSON object');
  const o = raw as Record<string, unknown>;
  for (const key of ['apiUrl', 'issuer', 'clientId'] as const) {
    if (typeof o[key] !== 'string' || o[key] === '') throw new Error(`config.json: "${key}" is missing`);
  }
  return {
    apiUrl: trimSlash(o.apiUrl as string),
    issuer: trimSlash(o.issuer as string),
    clientId: o.clientId as string,
    ...(typeof o.staffIssuer === 'string' &&
    o.staffIssuer &&
    typeof o.staffClientId === 'string' &&
    o.staffClientId
      ? { staffIssuer: trimSlash(o.staffIssuer), staffClientId: o.staffClientId }
      : {}),
    ...(typeof o.logoutUrl === 'string' && o.logoutUrl ? { logoutUrl: o.logoutUrl } : {}),
    ...(typeof o.staffLogoutUrl === 'string' && o.staffLogoutUrl ? { staffLogoutUrl: o.staffLogoutUrl } : {}),
    ...(typeof o.mailboxUrl === 'string' && o.mailboxUrl ? { mailboxUrl: o.mailboxUrl } : {}),
    ...(typeof o.redirectUri === 'string' && o.redirectUri ? { redirectUri: o.redirectUri } : {}),
  };
}

let current: ConsoleConfig | undefined;

export async function loadConfig(): Promise<ConsoleConfig> {
  // index.html preloads it (the same request, so the browser uses that response); it is served
  // no-cache (infra/constructs/console-hosting.ts), so a deploy's new settings apply at once.
  const response = await fetch('./config.json');
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  current = parseConfig(await response.json());
  return current;
}

export function config(): ConsoleConfig {
  if (!current) throw new Error('config.json has not been loaded');
  return current;
}
