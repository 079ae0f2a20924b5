/**
 * The outbox sender (docs/email-outbox.md): delivers the emails that steps recorded in their cases'
 * outboxes. It runs on a schedule (every minute, functions/handlers/schedule/send-emails.ts), apart
 * from the workflow and on-upload, so a relay outage only delays emails: each failed attempt is
 * recorded and retried on RETRY_DELAYS_MINUTES for over 24 hours, and only then is the email FAILED
 * (the dead letter: on the case for officers to send again, counted for the alarm). No case is ever
 * changed here.
 */
import type { EmailSender } from '#adapters/email/email-sender';
import type { CaseRepository } from '#domain/case-repository';
import { nextAttemptAfterFailure, type OutboxEmail } from '#domain/outbox-email';
import { redactText } from '../logger.ts';

/** The actor of the audit events the sender writes. */
export const OUTBOX_SENDER = { subject: 'system:outbox-sender', role: 'system' } as const;

/**
 * How long a claim holds an email. Longer than the sender function's timeout (infra/handlers.ts), so
 * a sender still running always finishes its attempt before anyone else may claim the email: one
 * message is never attempted twice at once. A sender that dies holds it this long at most.
 */
export const EMAIL_LEASE_SECONDS = 300;

/** The longest a relay's answer is kept on the email: enough for the reply line and its reason. */
const MAX_REASON_CHARS = 300;

export interface OutboxSenderDependencies {
  store: Pick<CaseRepository, 'listDueEmails' | 'claimEmail' | 'recordAttempt' | 'appendAudit'>;
  email: EmailSender;
  now: () => Date;
  /** A new lease id for each claim (unique across concurrent senders). */
  leaseId: () => string;
  /** Whether another attempt fits in this run (the Lambda's remaining time); always, by default. */
  hasTimeFor?: () => boolean;
  /** Told of each email dead-lettered by this run (the EmailsDeadLettered metric). */
  deadLettered?: (email: OutboxEmail) => void;
}

export interface OutboxRun {
  sent: number;
  /** Failed attempts with another one scheduled. */
  retried: number;
  /** Failed attempts that were the last: now FAILED. */
  deadLettered: number;
  /** Due emails another sender had claimed first. */
  skipped: number;
}

/** The relay's reason for a failure, as officers read it: one line, bounded, no personal numbers. */
export function failureReason(error: unknown): string {
  const raw = error instanceof Error ? error.message || error.name : String(error);
  const line = raw.replace(/\s+/g, ' ').trim() || 'Unknown error';
  return redactText(line).slice(0, MAX_REASON_CHARS);
}

/**
 * Attempts every email due now, one attempt each, soonest due first, `pageSize` at a time, until none
 * is due, `maxEmails` were handled or `hasTimeFor` says stop. Returns what happened.
 */
export async function sendDueEmails(
  deps: OutboxSenderDependencies,
  options: { pageSize?: number; maxEmails?: number } = {},
): Promise<OutboxRun> {
  const pageSize = options.pageSize ?? 25;
  const maxEmails = options.maxEmails ?? 500;
  const run: OutboxRun = { sent: 0, retried: 0, deadLettered: 0, skipped: 0 };
  const seen = new Set<string>();
  const hasTime = deps.hasTimeFor ?? (() => true);
  while (seen.size < maxEmails && hasTime()) {
    const due = (await deps.store.listDueEmails(deps.now(), pageSize)).filter(
      (email) => !seen.has(`${email.caseId}/${email.emailId}`),
    );
    // Every email attempted moves its due time on, so a page of only seen ones is the index lagging
    // behind this run's own writes: the next run reads it fresh.
    if (due.length === 0) break;
    for (const { caseId, emailId } of due) {
      if (seen.size >= maxEmails || !hasTime()) break;
      seen.add(`${caseId}/${emailId}`);
      await attemptOne(deps, run, caseId, emailId);
    }
  }
  return run;
}

async function attemptOne(deps: OutboxSenderDependencies, run: OutboxRun, caseId: string, emailId: string) {
  const leaseId = deps.leaseId();
  const claimedAt = deps.now();
  const email = await deps.store.claimEmail(
    caseId,
    emailId,
    leaseId,
    claimedAt,
    new Date(claimedAt.getTime() + EMAIL_LEASE_SECONDS * 1000),
  );
  if (!email) {
    run.skipped += 1;
    return;
  }
  try {
    await deps.email.send({ to: email.to, subject: email.subject, text: email.text, html: email.html });
  } catch (error) {
    const at = deps.now();
    const reason = failureReason(error);
    const next = nextAttemptAfterFailure(email.attempts, at);
    if (next) {
      await deps.store.recordAttempt(email, leaseId, {
        outcome: 'RETRY',
        at,
        error: reason,
        nextAttemptAt: next,
      });
      run.retried += 1;
      return;
    }
    if (await deps.store.recordAttempt(email, leaseId, { outcome: 'FAILED', at, error: reason })) {
      run.deadLettered += 1;
      deps.deadLettered?.(email);
      await deps.store.appendAudit({
        caseId,
        at: at.toISOString(),
        idempotencyKey: `EMAIL#${email.key}`,
        actor: OUTBOX_SENDER,
        action: 'EMAIL_FAILED',
        detail: { template: email.template, emailId, attempts: email.attempts, reason },
      });
    }
    return;
  }
  const at = deps.now();
  // Recorded after the relay took it: should this write fail, the lease runs out and the email is
  // sent again (at least once, never lost), the one duplicate a crash here can cause.
  await deps.store.recordAttempt(email, leaseId, { outcome: 'SENT', at });
  run.sent += 1;
  await deps.store.appendAudit({
    caseId,
    at: at.toISOString(),
    idempotencyKey: `EMAIL#${email.key}`,
    actor: OUTBOX_SENDER,
    action: 'EMAIL_SENT',
    detail: { template: email.template, emailId, attempts: email.attempts },
  });
}
