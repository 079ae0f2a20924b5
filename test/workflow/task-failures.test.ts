import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailSender } from '#adapters/email/email-sender';
import type { CaseRepository } from '#domain/case-repository';
import { MAX_EMAIL_ATTEMPTS } from '#domain/outbox-email';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';

/** A relay that answers every message with a temporary failure, counting the attempts. */
function refusingRelay(): EmailSender & { attempts: number } {
  const sender = {
    attempts: 0,
    async send() {
      sender.attempts += 1;
      throw new Error('421 4.7.0 Try again later');
    },
  };
  return sender;
}

describe('task functions that fail', () => {
  let h: WorkflowHarness;
  let relay: EmailSender;
  beforeAll(async () => {
    h = await startWorkflowHarness();
    relay = h.outbox.email;
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

  const onlyEmail = async (caseId: string) => {
    const emails = await h.store.listEmails(caseId);
    expect(emails).toHaveLength(1);
    return emails[0] as (typeof emails)[number];
  };

  it('never fails a task for a relay outage: the case waits on its documents and the email is sent once the relay is back', async () => {
    const refusing = refusingRelay();
    h.outbox.email = refusing;
    const application = SAMPLE_APPLICATIONS.chineseIndividual;
    const draft = await h.createCase(application);
    await h.submit(draft.caseId);
    await h.waitForStep(draft.caseId, 'DOCUMENTS');
    expect((await h.store.getCase(draft.caseId))?.status).toBe('AWAITING_DOCUMENTS');
    // The step recorded the email and moved on; the sender's attempt failed and is on the email.
    const queued = await onlyEmail(draft.caseId);
    expect(refusing.attempts).toBe(1);
    expect(queued).toMatchObject({ template: 'caseOpened', state: 'QUEUED', attempts: 1 });
    expect(queued.lastError).toContain('421 4.7.0');
    expect(h.mail.inbox(application.responsiblePerson.email)).toHaveLength(0);
    const failedTasks = (await h.history(draft.caseId)).filter((e) => e.type === 'LambdaFunctionFailed');
    expect(failedTasks).toEqual([]);

    h.outbox.email = relay;
    await h.runSender(); // not due yet: the next attempt waits a minute
    expect(h.mail.inbox(application.responsiblePerson.email)).toHaveLength(0);
    await h.advance(60);
    await h.runSender();
    const sent = await onlyEmail(draft.caseId);
    expect(sent).toMatchObject({ state: 'SENT', attempts: 2 });
    expect(sent.history.map((a) => a.outcome)).toEqual(['FAILED', 'SENT']);
    expect(h.subjects(application.responsiblePerson.email)).toHaveLength(1);
    await h.withdraw(draft.caseId, 'DOCUMENTS');
    await h.waitForExecution(draft.caseId);
  });

  it('dead-letters an email the relay refuses for over a day: FAILED on the case with the reason, the case untouched', async () => {
    const refusing = refusingRelay();
    h.outbox.email = refusing;
    const draft = await h.createCase(SAMPLE_APPLICATIONS.chineseBusiness);
    await h.submit(draft.caseId);
    await h.waitForStep(draft.caseId, 'DOCUMENTS');
    const first = await onlyEmail(draft.caseId);
    // The schedule's runs, each when the email is next due (the documents wait is 30 days).
    for (let email = first; email.state === 'QUEUED'; email = await onlyEmail(draft.caseId)) {
      await h.advance((Date.parse(email.nextAttemptAt ?? '') - h.clock.now()) / 1000 + 1);
      await h.runSender();
    }
    const failed = await onlyEmail(draft.caseId);
    expect(failed).toMatchObject({ state: 'FAILED', attempts: MAX_EMAIL_ATTEMPTS });
    expect(failed.lastError).toContain('421 4.7.0');
    expect(failed.history).toHaveLength(MAX_EMAIL_ATTEMPTS);
    expect(failed.history.every((attempt) => attempt.outcome === 'FAILED')).toBe(true);
    const span = Date.parse(failed.history.at(-1)?.at ?? '') - Date.parse(failed.history[0]?.at ?? '');
    expect(span).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(h.outbox.runs.reduce((n, run) => n + run.deadLettered, 0)).toBe(1);
    const audit = await h.store.listAudit(draft.caseId);
    expect(audit.filter((e) => e.action === 'EMAIL_FAILED')).toHaveLength(1);
    const record = await h.store.getCase(draft.caseId);
    expect(record).toMatchObject({ status: 'AWAITING_DOCUMENTS', currentStep: 'DOCUMENTS' });
    h.outbox.email = relay;
    await h.withdraw(draft.caseId, 'DOCUMENTS');
    await h.waitForExecution(draft.caseId);
  });

  it('marks the case FAILED for officers when a task fails beyond its retries (the outbox cannot be written)', async () => {
    const store = h.deps.store;
    const down = () => Promise.reject(new Error('ProvisionedThroughputExceededException'));
    h.deps.store = Object.create(store, { enqueueEmail: { value: down } }) as CaseRepository;
    try {
      const draft = await h.createCase(SAMPLE_APPLICATIONS.foreignIndividual);
      await h.submit(draft.caseId);
      await retryUntil(async () => (await h.store.getCase(draft.caseId))?.status === 'FAILED');
      const failed = await h.waitForCase(draft.caseId, (c) => c.status === 'FAILED', 'FAILED');
      expect(failed.currentStep).toBeUndefined();
      const execution = await h.waitForExecution(draft.caseId);
      expect(execution).toMatchObject({ status: 'FAILED', error: 'Transient' });
      const audit = await h.store.listAudit(draft.caseId);
      expect(audit.find((e) => e.toStatus === 'FAILED')?.detail).toMatchObject({ reason: 'Transient' });
    } finally {
      h.deps.store = store;
    }
  });
});
