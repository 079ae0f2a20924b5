/**
 * The China assembly on the local stack: no Cognito (one issuer for every role, standing in for
 * the operator's), no SES (the functions send through the SMTP relay the template names, with the
 * SMTP secret's credentials, over implicit TLS). A case's first email arriving proves the path a
 * China deployment takes; before the fix every China case failed at its first email.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, waitUntil } from '#stack/api-client';
import { LOCAL_NAMES } from '#stack/assembly/synthesize';
import { FREE_PORTS, type LocalStack, startLocalStack } from '#stack/local-stack';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';

describe('the China partition on the local stack', () => {
  let dataDir: string;
  let stack: LocalStack;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stack-china-'));
    // A built console stands in for console/dist: the page a deploy uploads is derived from it.
    const consoleDir = join(dataDir, 'console');
    await mkdir(consoleDir);
    await writeFile(
      join(consoleDir, 'index.html'),
      '<!doctype html><html><head><meta charset="utf-8" /><title>ICP</title></head><body></body></html>',
    );
    stack = await startLocalStack({ dataDir, ports: FREE_PORTS, partition: 'aws-cn', consoleDir });
  });
  afterAll(async () => {
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the China assembly: its SMTP relay settings, no SES, no Cognito', () => {
    expect(stack.assembly.region).toBe('cn-north-1');
    expect(stack.assembly.emailIdentities).toEqual([]);
    expect(stack.assembly.userPools).toEqual([]);
    const emailing = stack.assembly.functions.filter((fn) => fn.environment.EMAIL_TRANSPORT);
    expect(emailing.length).toBeGreaterThan(0);
    for (const fn of emailing) {
      expect(fn.environment).toMatchObject({ EMAIL_TRANSPORT: 'smtp', SMTP_SECURE: 'true' });
      expect(fn.environment.SMTP_SECRET_ARN).toMatch(/^arn:aws-cn:secretsmanager:cn-north-1:/);
    }
    expect(stack.consoleConfig.staffIssuer).toBeUndefined();
  });

  it('serves the API on its filed domain only: config.json names it, the execute-api address is off', () => {
    expect(stack.assembly.httpApi?.endpoint).toBeUndefined();
    expect(stack.assembly.httpApi?.domainUrls).toEqual([`https://${LOCAL_NAMES.apiDomain}`]);
    expect(stack.consoleConfig.apiUrl).toBe(stack.urls.api);
  });

  it('serves the console page with its Content-Security-Policy in the page, as China sends no headers of ours', async () => {
    const response = await fetch(`${stack.urls.portal}/`);
    expect(response.headers.get('content-security-policy')).toBeNull();
    const page = await response.text();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(
      (csp ?? '').split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    // Localized like everything else: the local S3 and API, not the China addresses.
    expect(directives.get('img-src')).toContain(new URL(stack.urls.s3).origin);
    expect(directives.get('connect-src')).toContain(new URL(stack.urls.api).origin);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    // The policy precedes every script: it is the first element after the charset.
    expect(page.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(page.indexOf('<title>'));
  });

  it('emails the applicant through the relay (AUTH with the secret, TLS), and one issuer serves applicants and officers', {
    timeout: 300_000,
  }, async () => {
    const application = SAMPLE_APPLICATIONS.chineseIndividual;
    const applicant = apiAs(stack.consoleConfig, await stack.tokenFor('applicant-zhang-wei'));
    const draft = await applicant<{ caseId: string }>('POST', '/cases', application);
    await applicant('POST', `/cases/${draft.caseId}/submit`);
    await waitUntil(
      () => applicant<{ status: string }>('GET', `/cases/${draft.caseId}`),
      (c) => c.status === 'AWAITING_DOCUMENTS',
      'the documents step',
    );
    const mails = await waitUntil(
      async () => (await fetch(`${stack.urls.mailbox}?to=${application.responsiblePerson.email}`)).text(),
      (html) => html.includes(draft.caseId),
      'the case-opened email in the mailbox',
      // The outbox sender runs every minute, the first time a minute after the stack started.
      150,
    );
    expect(mails).toContain(draft.caseId);

    const officer = apiAs(stack.consoleConfig, await stack.tokenFor('officer-wang-fang'));
    const queue = await officer<{ items: Array<{ caseId: string }> }>('GET', '/officer/queue?step=REVIEW');
    expect(Array.isArray(queue.items)).toBe(true);
    expect(stack.accessDenials()).toEqual([]);
  });
});
