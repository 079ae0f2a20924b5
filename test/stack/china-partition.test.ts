/**
 * The China assembly on the local stack: no Cognito (one issuer for every role, standing in for
 * the operator's), no SES (the functions send through the SMTP relay the template names, with the
 * SMTP secret's credentials, over implicit TLS). A case's first email arriving proves the path a
 * China deployment takes; before the fix every China case failed at its first email.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, waitUntil } from '#stack/api-client';
import { FREE_PORTS, type LocalStack, startLocalStack } from '#stack/local-stack';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';

describe('the China partition on the local stack', () => {
  let dataDir: string;
  let stack: LocalStack;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stack-china-'));
    stack = await startLocalStack({ dataDir, ports: FREE_PORTS, partition: 'aws-cn' });
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

  it('emails the applicant through the relay (AUTH with the secret, TLS), and one issuer serves applicants and officers', async () => {
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
    );
    expect(mails).toContain(draft.caseId);

    const officer = apiAs(stack.consoleConfig, await stack.tokenFor('officer-wang-fang'));
    const queue = await officer<{ items: Array<{ caseId: string }> }>('GET', '/officer/queue?step=REVIEW');
    expect(Array.isArray(queue.items)).toBe(true);
    expect(stack.accessDenials()).toEqual([]);
  });
});
