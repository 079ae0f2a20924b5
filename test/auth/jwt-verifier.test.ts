import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '#adapters/jwt-verifier';
import { trustedIssuers } from '#config';
import { createDevIssuer, type DevIssuer } from '#stack/dev-issuer';

describe('OIDC token verification against the dev issuer', () => {
  let dir: string;
  let issuer: DevIssuer;
  let otherIssuer: DevIssuer;
  let close: () => void;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oidc-'));
    const root = new Hono();
    const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    issuer = await createDevIssuer({
      issuer: `${base}/oidc`,
      clientId: 'console',
      keyFile: join(dir, 'key.json'),
    });
    otherIssuer = await createDevIssuer({
      issuer: `${base}/other`,
      clientId: 'console',
      keyFile: join(dir, 'other.json'),
    });
    root.route('/oidc', issuer.app);
    root.route('/other', otherIssuer.app);
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    await rm(dir, { recursive: true, force: true });
  });

  const verifier = () =>
    createJwtVerifier({ issuer: issuer.issuer, audience: 'console', roleClaim: 'cognito:groups' });

  it('accepts a token from the issuer and reads subject, role and office', async () => {
    const principal = await verifier()(await issuer.tokenFor('officer-chen-jing'));
    expect(principal).toMatchObject({ subject: 'officer-chen-jing', roles: ['officer'], office: 'SH' });
  });

  it('with a staff issuer: applicant-pool accounts are applicants only, and only staff accounts are officers', async () => {
    const both = createJwtVerifier(
      trustedIssuers({
        OIDC_ISSUER: issuer.issuer,
        OIDC_AUDIENCE: 'console',
        ROLES_CLAIM: 'cognito:groups',
        STAFF_OIDC_ISSUER: otherIssuer.issuer,
      }),
    );
    // An account of the applicants' pool is an applicant, whatever groups it claims.
    expect((await both(await issuer.tokenFor('officer-chen-jing'))).roles).toEqual(['applicant']);
    expect((await both(await issuer.tokenFor('applicant-zhang-wei'))).roles).toEqual(['applicant']);
    // The staff pool gives officer and supervisor roles, never the applicant role.
    expect((await both(await otherIssuer.tokenFor('officer-chen-jing'))).roles).toEqual(['officer']);
    expect((await both(await otherIssuer.tokenFor('applicant-zhang-wei'))).roles).toEqual([]);
  });

  it('rejects something that is not a JWT', async () => {
    await expect(verifier()('not-a-jwt')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('rejects an expired token with UNAUTHORIZED', async () => {
    const token = await issuer.tokenFor('applicant-zhang-wei', { expiresInSeconds: -60 });
    await expect(verifier()(token)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      messageZh: expect.stringContaining('过期'),
    });
  });

  it('rejects a token signed by another issuer', async () => {
    await expect(verifier()(await otherIssuer.tokenFor('applicant-zhang-wei'))).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('rejects a token for another audience', async () => {
    const wrongAudience = createJwtVerifier({
      issuer: issuer.issuer,
      audience: 'someone-else',
      roleClaim: 'cognito:groups',
    });
    await expect(wrongAudience(await issuer.tokenFor('applicant-zhang-wei'))).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('rejects a tampered token', async () => {
    const token = await issuer.tokenFor('applicant-zhang-wei');
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p as string, 'base64url').toString());
    claims['cognito:groups'] = ['supervisor'];
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    await expect(verifier()(forged)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('keeps its signing key across a restart, so earlier tokens stay valid', async () => {
    const token = await issuer.tokenFor('supervisor-liu-yang');
    const again = await createDevIssuer({
      issuer: issuer.issuer,
      clientId: 'console',
      keyFile: join(dir, 'key.json'),
    });
    const fromRestarted = await again.tokenFor('supervisor-liu-yang');
    const principal = await verifier()(token);
    expect(principal.roles).toEqual(['supervisor']);
    expect((await verifier()(fromRestarted)).subject).toBe('supervisor-liu-yang');
  });

  it('runs the authorization-code flow with PKCE and refuses a wrong verifier', async () => {
    const verifierString = 'a'.repeat(50);
    const challenge = createHash('sha256').update(verifierString).digest('base64url');
    const redirect = `${new URL(issuer.issuer).origin}/`;
    const authorize = async () => {
      const form = new URLSearchParams({
        client_id: 'console',
        redirect_uri: redirect,
        state: 's1',
        code_challenge: challenge,
        sub: 'applicant-zhang-wei',
      });
      const res = await issuer.app.request('/authorize', {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const location = new URL(res.headers.get('location') as string);
      expect(location.searchParams.get('state')).toBe('s1');
      return location.searchParams.get('code') as string;
    };
    const exchange = (code: string, codeVerifier: string) =>
      issuer.app.request('/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: 'console',
          redirect_uri: redirect,
          code_verifier: codeVerifier,
        }),
      });

    expect((await exchange(await authorize(), 'b'.repeat(50))).status).toBe(400);
    const elsewhere = await issuer.app.request('/authorize', {
      method: 'POST',
      body: new URLSearchParams({
        client_id: 'console',
        redirect_uri: 'https://attacker.example/cb',
        code_challenge: challenge,
        sub: 'applicant-zhang-wei',
      }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(elsewhere.status).toBe(400);
    const ok = await exchange(await authorize(), verifierString);
    expect(ok.status).toBe(200);
    const { id_token } = (await ok.json()) as { id_token: string };
    expect((await verifier()(id_token)).subject).toBe('applicant-zhang-wei');
  });
});
