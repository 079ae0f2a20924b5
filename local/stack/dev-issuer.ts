import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { SEEDED_USERS, type SeededUser } from './seeded-users.ts';

/**
 * A development OIDC issuer for the local stack: discovery, JWKS, an authorization-code flow with
 * PKCE whose login page lists the seeded users (no passwords: this only ever runs on a laptop), and
 * the token endpoint. The signing key is generated on first start and kept in `keyFile`, so tokens
 * stay valid across restarts. Tokens carry the same claims a Cognito ID token does
 * (`cognito:groups`, `email`, `name`) plus `office` for officers.
 */
export interface DevIssuer {
  app: Hono;
  issuer: string;
  clientId: string;
  /** Signs a token for a seeded user (tests and `npm run demo`). */
  tokenFor(sub: string, overrides?: { expiresInSeconds?: number }): Promise<string>;
}

interface PendingCode {
  sub: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  expiresAt: number;
}

export async function createDevIssuer(options: {
  issuer: string;
  clientId: string;
  keyFile: string;
  users?: readonly SeededUser[];
  /** Where sign-in may return to; the issuer's own origin (the console is served there) by default. */
  redirectOrigins?: readonly string[];
}): Promise<DevIssuer> {
  const users = options.users ?? SEEDED_USERS;
  const { privateKey, publicJwk } = await loadOrCreateKey(options.keyFile);
  const codes = new Map<string, PendingCode>();
  const redirectOrigins = new Set(options.redirectOrigins ?? [new URL(options.issuer).origin]);
  const allowedRedirect = (uri: string) => {
    try {
      return redirectOrigins.has(new URL(uri).origin);
    } catch {
      return false;
    }
  };

  const sign = async (user: SeededUser, expiresInSeconds = 3600, nonce?: string) =>
    new SignJWT({
      email: user.email,
      name: user.name,
      'cognito:groups': [user.role],
      ...(user.office ? { office: user.office } : {}),
      ...(nonce ? { nonce } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid as string })
      .setIssuer(options.issuer)
      .setAudience(options.clientId)
      .setSubject(user.sub)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(privateKey);

  const app = new Hono();
  app.get('/.well-known/openid-configuration', (c) =>
    c.json({
      issuer: options.issuer,
      authorization_endpoint: `${options.issuer}/authorize`,
      token_endpoint: `${options.issuer}/token`,
      jwks_uri: `${options.issuer}/jwks.json`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
    }),
  );
  app.get('/jwks.json', (c) => c.json({ keys: [publicJwk] }));

  // Cognito's hosted-UI logout (config.json's logoutUrl in global regions): the dev issuer keeps
  // no session, so it only returns to the console, to an allowed address as Cognito requires.
  app.get('/logout', (c) => {
    const to = c.req.query('logout_uri') ?? c.req.query('redirect_uri');
    return to && allowedRedirect(to) ? c.redirect(to) : c.text('Signed out / 已退出', 200);
  });

  app.get('/authorize', (c) => {
    const q = c.req.query();
    if (
      q.client_id !== options.clientId ||
      !q.redirect_uri ||
      !allowedRedirect(q.redirect_uri) ||
      !q.code_challenge
    ) {
      return c.json(
        {
          error: 'invalid_request',
          error_description: 'client_id, redirect_uri and code_challenge are required',
        },
        400,
      );
    }
    const hidden = ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k] ?? '')}">`)
      .join('');
    const buttons = users
      .map(
        (u) =>
          `<button type="submit" name="sub" value="${escapeHtml(u.sub)}"><strong>${escapeHtml(u.name)}</strong><br><small>${escapeHtml(u.description)} · ${escapeHtml(u.email)}</small></button>`,
      )
      .join('');
    return c.html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>登录 Sign in (development)</title><style>body{font-family:sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}button{display:block;width:100%;text-align:left;margin:.5rem 0;padding:.75rem;border:1px solid #999;border-radius:6px;background:#fff;cursor:pointer}button:hover,button:focus{background:#eef4ff}</style></head>
<body><h1>选择登录用户 / Choose a user</h1><p>本地开发环境，无需密码。Local development issuer: no passwords.</p>
<form method="post" action="${options.issuer}/authorize">${hidden}${buttons}</form></body></html>`);
  });

  app.post('/authorize', async (c) => {
    const form = await c.req.parseBody();
    const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const user = users.find((u) => u.sub === field('sub'));
    if (!user || field('client_id') !== options.clientId || !allowedRedirect(field('redirect_uri'))) {
      return c.json({ error: 'invalid_request' }, 400);
    }
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      sub: user.sub,
      clientId: field('client_id'),
      redirectUri: field('redirect_uri'),
      codeChallenge: field('code_challenge'),
      ...(field('nonce') ? { nonce: field('nonce') } : {}),
      expiresAt: Date.now() + 60_000,
    });
    const target = new URL(field('redirect_uri'));
    target.searchParams.set('code', code);
    if (field('state')) target.searchParams.set('state', field('state'));
    return c.redirect(target.toString(), 302);
  });

  app.post('/token', async (c) => {
    const form = await c.req.parseBody();
    const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const pending = codes.get(field('code'));
    codes.delete(field('code'));
    const challenge = createHash('sha256').update(field('code_verifier')).digest('base64url');
    const user = pending && users.find((u) => u.sub === pending.sub);
    if (
      field('grant_type') !== 'authorization_code' ||
      !pending ||
      !user ||
      pending.expiresAt < Date.now() ||
      pending.clientId !== field('client_id') ||
      pending.redirectUri !== field('redirect_uri') ||
      pending.codeChallenge !== challenge
    ) {
      return c.json({ error: 'invalid_grant' }, 400);
    }
    const idToken = await sign(user, 3600, pending.nonce);
    return c.json({ id_token: idToken, access_token: idToken, token_type: 'Bearer', expires_in: 3600 });
  });

  return {
    app,
    issuer: options.issuer,
    clientId: options.clientId,
    async tokenFor(sub, overrides) {
      const user = users.find((u) => u.sub === sub);
      if (!user) throw new Error(`No seeded user ${sub}`);
      return sign(user, overrides?.expiresInSeconds ?? 3600);
    },
  };
}

async function loadOrCreateKey(keyFile: string) {
  let privateJwk: JWK;
  try {
    privateJwk = JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`The dev issuer's key file ${keyFile} is unreadable; delete it or run npm run reset.`);
    }
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    privateJwk = {
      ...(await exportJWK(privateKey)),
      kid: randomBytes(8).toString('hex'),
      alg: 'RS256',
      use: 'sig',
    };
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d, p, q, dp, dq, qi, ...publicJwk } = privateJwk;
  return { privateKey: await importJWK(privateJwk, 'RS256'), publicJwk };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
