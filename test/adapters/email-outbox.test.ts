import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessage, EmailSender } from '#adapters/email/email-sender';
import {
  MAX_EMAIL_ATTEMPTS,
  nextAttemptAfterFailure,
  RETRY_DELAYS_MINUTES,
  summariseEmail,
} from '#domain/outbox-email';
import { EMAIL_LEASE_SECONDS, failureReason, sendDueEmails } from '#workflow/outbox-sender';
import { startEmulators, type TestEmulators } from '../support/emulators.ts';

let emulators: TestEmulators;
beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(async () => {
  await emulators.close();
});

const officer = { subject: 'officer-1', role: 'officer' } as const;
const MINUTE = 60_000;

/** A relay that keeps what it was given, or refuses with `failWith`. */
function relay(failWith?: string): EmailSender & { sent: EmailMessage[]; attempts: number } {
  const sender = {
    sent: [] as EmailMessage[],
    attempts: 0,
    async send(message: EmailMessage) {
      sender.attempts += 1;
      if (failWith) throw new Error(failWith);
      sender.sent.push(message);
    },
  };
  return sender;
}

let boxes = 0;
/**
 * A case's own outbox in the shared table, with a clock of its own a year before the previous test's:
 * the emails earlier tests left queued are never due for this test's sender (a test moves its clock
 * by days at most), so each test sees only what it queued.
 */
function outboxOf() {
  const caseId = `c-${randomUUID().slice(0, 12)}`;
  boxes += 1;
  let now = Date.parse('2020-01-01T00:00:00Z') - boxes * 365 * 86_400_000;
  const clock = {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
  const enqueue = (key: string, to = 'li.na@example.cn') =>
    emulators.store.enqueueEmail({
      caseId,
      key,
      template: 'caseOpened',
      to,
      subject: `备案申请已创建（${caseId}） / Application opened`,
      text: `text ${key}`,
      html: `<p>${key}</p>`,
      now: clock.now(),
    });
  let leases = 0;
  const send = (email: EmailSender, extra: Partial<Parameters<typeof sendDueEmails>[0]> = {}) =>
    sendDueEmails({
      store: emulators.store,
      email,
      now: clock.now,
      leaseId: () => `${caseId}-lease-${++leases}`,
      ...extra,
    });
  const emails = () => emulators.store.listEmails(caseId);
  return { caseId, clock, enqueue, send, emails };
}

describe('the retry schedule', () => {
  it('doubles from a minute, caps at four hours and spans more than 24 hours before the email is FAILED', () => {
    expect(RETRY_DELAYS_MINUTES.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...RETRY_DELAYS_MINUTES)).toBe(240);
    const start = new Date('2026-01-01T00:00:00Z');
    let at = start;
    for (let attempts = 1; attempts < MAX_EMAIL_ATTEMPTS; attempts++) {
      const next = nextAttemptAfterFailure(attempts, at);
      expect(next).toBeDefined();
      at = next as Date;
    }
    expect(at.getTime() - start.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(nextAttemptAfterFailure(MAX_EMAIL_ATTEMPTS, at)).toBeUndefined();
  });
});

describe('recording an email', () => {
  it('records once per (case, key): a retried step gets the stored email back, another event is another email', async () => {
    const box = outboxOf();
    const first = await box.enqueue('caseOpened#Park#1');
    const again = await box.enqueue('caseOpened#Park#1');
    const other = await box.enqueue('caseOpened#Park#2');
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, email: { emailId: first.email.emailId, state: 'QUEUED' } });
    expect(other.created).toBe(true);
    expect(other.email.emailId).not.toBe(first.email.emailId);
    expect(first.email.emailId).toMatch(/^[0-9a-f]{20}$/);
    expect((await box.emails()).map((e) => e.key)).toEqual(['caseOpened#Park#1', 'caseOpened#Park#2']);
  });
});

describe('the outbox sender', () => {
  it('sends a due email once, records the attempt and audits it', async () => {
    const box = outboxOf();
    await box.enqueue('k1');
    const smtp = relay();
    expect(await box.send(smtp)).toEqual({ sent: 1, retried: 0, deadLettered: 0, skipped: 0 });
    expect(await box.send(smtp)).toEqual({ sent: 0, retried: 0, deadLettered: 0, skipped: 0 });
    expect(smtp.sent.map((m) => m.text)).toEqual(['text k1']);
    const [email] = await box.emails();
    expect(email).toMatchObject({ state: 'SENT', attempts: 1, history: [{ outcome: 'SENT' }] });
    expect(email?.leaseId).toBeUndefined();
    const audit = await emulators.store.listAudit(box.caseId);
    expect(audit.map((e) => [e.action, e.actor.subject])).toEqual([['EMAIL_SENT', 'system:outbox-sender']]);
  });

  it('backs off after a failure: nothing is attempted before the next attempt is due', async () => {
    const box = outboxOf();
    await box.enqueue('k1');
    const down = relay('421 4.7.0 Try again later');
    await box.send(down);
    let [email] = await box.emails();
    expect(email).toMatchObject({ state: 'QUEUED', attempts: 1, lastError: '421 4.7.0 Try again later' });
    expect(Date.parse(email?.nextAttemptAt ?? '')).toBe(box.clock.now().getTime() + MINUTE);
    box.clock.advance(MINUTE - 1000);
    await box.send(down);
    expect(down.attempts).toBe(1);
    box.clock.advance(1000);
    await box.send(down);
    [email] = await box.emails();
    expect(email).toMatchObject({ attempts: 2 });
    expect(Date.parse(email?.nextAttemptAt ?? '')).toBe(box.clock.now().getTime() + 2 * MINUTE);
  });

  it('dead-letters the email after its last attempt: FAILED with the reason, reported once, never attempted again', async () => {
    const box = outboxOf();
    await box.enqueue('k1');
    const down = relay('550 5.1.1 relay refused');
    const deadLettered: string[] = [];
    for (let run = 0; run < MAX_EMAIL_ATTEMPTS + 3; run++) {
      await box.send(down, { deadLettered: (email) => deadLettered.push(email.emailId) });
      box.clock.advance(240 * MINUTE);
    }
    const [email] = await box.emails();
    expect(down.attempts).toBe(MAX_EMAIL_ATTEMPTS);
    expect(email).toMatchObject({
      state: 'FAILED',
      attempts: MAX_EMAIL_ATTEMPTS,
      lastError: '550 5.1.1 relay refused',
    });
    expect(email?.nextAttemptAt).toBeUndefined();
    expect(deadLettered).toEqual([email?.emailId]);
    const audit = await emulators.store.listAudit(box.caseId);
    expect(audit.filter((e) => e.action === 'EMAIL_FAILED')).toHaveLength(1);
  });

  it('never attempts one email twice at once: concurrent senders split the due emails between them', async () => {
    const box = outboxOf();
    for (let i = 0; i < 8; i++) await box.enqueue(`k${i}`);
    const smtp = relay();
    const slow: EmailSender = {
      async send(message) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await smtp.send(message);
      },
    };
    const runs = await Promise.all([box.send(slow), box.send(slow), box.send(slow)]);
    expect(runs.reduce((n, run) => n + run.sent, 0)).toBe(8);
    expect(smtp.sent.map((m) => m.text).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `text k${i}`));
  });

  it('holds a claimed email for the lease: another claim fails until the lease runs out, and then the first holder’s outcome is dropped', async () => {
    const box = outboxOf();
    const { email } = await box.enqueue('k1');
    const now = box.clock.now();
    const until = new Date(now.getTime() + EMAIL_LEASE_SECONDS * 1000);
    const held = await emulators.store.claimEmail(box.caseId, email.emailId, 'first', now, until);
    expect(held).toMatchObject({ attempts: 1, leaseId: 'first' });
    expect(await emulators.store.claimEmail(box.caseId, email.emailId, 'second', now, until)).toBeUndefined();
    expect(summariseEmail(held as NonNullable<typeof held>, now).sending).toBe(true);
    // The first sender died; after its lease the email is due again and another sender takes it.
    box.clock.advance(EMAIL_LEASE_SECONDS * 1000);
    const smtp = relay();
    expect(await box.send(smtp)).toMatchObject({ sent: 1 });
    expect(
      await emulators.store.recordAttempt(held as NonNullable<typeof held>, 'first', {
        outcome: 'FAILED',
        at: box.clock.now(),
        error: 'late',
      }),
    ).toBe(false);
    expect(await box.emails()).toMatchObject([{ state: 'SENT', attempts: 2 }]);
  });
});

describe('sending again (officers)', () => {
  it('queues a FAILED email again at once with a fresh schedule and the officer named', async () => {
    const box = outboxOf();
    const { email } = await box.enqueue('k1');
    const down = relay('550 no');
    for (let run = 0; run < MAX_EMAIL_ATTEMPTS; run++) {
      await box.send(down);
      box.clock.advance(240 * MINUTE);
    }
    expect((await box.emails())[0]?.state).toBe('FAILED');
    const result = await emulators.store.requeueEmail(box.caseId, email.emailId, officer, box.clock.now());
    expect(result).toMatchObject({
      outcome: 'requeued',
      email: { state: 'QUEUED', attempts: 0, resends: [{ by: officer, at: box.clock.now().toISOString() }] },
    });
    expect(result.outcome === 'requeued' && result.email.lastError).toBeFalsy();
    const smtp = relay();
    await box.send(smtp);
    const [sent] = await box.emails();
    expect(sent).toMatchObject({ state: 'SENT', attempts: 1 });
    expect(sent?.history).toHaveLength(MAX_EMAIL_ATTEMPTS + 1);
  });

  it('refuses while a sender holds the email, and says when there is no such email', async () => {
    const box = outboxOf();
    const { email } = await box.enqueue('k1');
    const now = box.clock.now();
    await emulators.store.claimEmail(
      box.caseId,
      email.emailId,
      'busy',
      now,
      new Date(now.getTime() + 60_000),
    );
    expect(await emulators.store.requeueEmail(box.caseId, email.emailId, officer, now)).toMatchObject({
      outcome: 'sending',
    });
    expect(await emulators.store.requeueEmail(box.caseId, 'ffffffffffffffffffff', officer, now)).toEqual({
      outcome: 'not-found',
    });
  });
});

describe('failure reasons', () => {
  it('keeps one bounded line without ID or phone numbers', () => {
    const reason = failureReason(
      new Error(`550 5.1.1 <13812345678@example.cn>:\n  user unknown ${'x'.repeat(400)}`),
    );
    expect(reason).not.toContain('\n');
    expect(reason).not.toContain('13812345678');
    expect(reason.length).toBeLessThanOrEqual(300);
    expect(reason).toMatch(/^550 5\.1\.1/);
  });
});
