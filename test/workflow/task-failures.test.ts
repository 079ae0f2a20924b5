import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailSender } from '#adapters/email/email-sender';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';

/** An SMTP relay that refuses the first `failures` messages (an outage), then delivers. */
function flakyEmail(real: EmailSender, failures: number): EmailSender & { attempts: number } {
  const sender = {
    attempts: 0,
    async send(message: Parameters<EmailSender['send']>[0]) {
      sender.attempts += 1;
      if (sender.attempts <= failures) throw new Error('421 4.7.0 Try again later');
      await real.send(message);
    },
  };
  return sender;
}

describe('task functions that fail', () => {
  let h: WorkflowHarness;
  let realEmail: EmailSender;
  beforeAll(async () => {
    h = await startWorkflowHarness();
    realEmail = h.deps.email;
  });
  afterAll(async () => {
    await h.close();
  });

  /** Lets the engine's Retry back-off elapse on the manual clock until `done` holds. */
  async function retryUntil(done: () => Promise<boolean>) {
    for (let i = 0; i < 100 && !(await done()); i++) {
      await h.advance(30);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the retried task does real I/O
    }
  }

  it('retries a transient email failure with back-off and carries on once the relay is back', async () => {
    const email = flakyEmail(realEmail, 2);
    h.deps.email = email;
    const draft = await h.createCase(SAMPLE_APPLICATIONS.chineseIndividual);
    await h.submit(draft.caseId);
    const opened = () => h.subjects(SAMPLE_APPLICATIONS.chineseIndividual.responsiblePerson.email).length > 0;
    await retryUntil(async () => opened());
    await h.waitForStep(draft.caseId, 'DOCUMENTS');
    expect(email.attempts).toBe(3);
    expect(h.subjects(SAMPLE_APPLICATIONS.chineseIndividual.responsiblePerson.email)).toHaveLength(1);
    expect((await h.store.getCase(draft.caseId))?.status).toBe('AWAITING_DOCUMENTS');
    h.deps.email = realEmail;
    await h.withdraw(draft.caseId, 'DOCUMENTS');
    await h.waitForExecution(draft.caseId);
  });

  it('marks the case FAILED for officers when the failure outlasts the retries', async () => {
    h.deps.email = flakyEmail(realEmail, Number.POSITIVE_INFINITY);
    const draft = await h.createCase(SAMPLE_APPLICATIONS.chineseBusiness);
    await h.submit(draft.caseId);
    await retryUntil(async () => (await h.store.getCase(draft.caseId))?.status === 'FAILED');
    const failed = await h.waitForCase(draft.caseId, (c) => c.status === 'FAILED', 'FAILED');
    expect(failed.currentStep).toBeUndefined();
    const execution = await h.waitForExecution(draft.caseId);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Transient' });
    const audit = await h.store.listAudit(draft.caseId);
    expect(audit.find((e) => e.toStatus === 'FAILED')?.detail).toMatchObject({ reason: 'Transient' });
    h.deps.email = realEmail;
  });
});
