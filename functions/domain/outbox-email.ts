/**
 * The email outbox: every email the service sends is first recorded with its case (rendered, keyed by
 * the case and the event that caused it), then delivered by the outbox sender apart from whatever
 * recorded it (functions/workflow/outbox-sender.ts, docs/email-outbox.md). A step that emails never
 * waits on, nor fails with, the mail relay.
 *
 * Pure data and rules: no AWS SDK, no node: modules (the console reads these types too).
 */
import type { Actor } from './case-record.ts';

/**
 * `QUEUED`: waiting for its next attempt (the first is due at once). `SENT`: the relay took it.
 * `FAILED`: every attempt of the retry schedule failed (the dead letter): it stays on the case for
 * an officer to read and send again, and is counted in EmailsDeadLettered.
 */
export type OutboxEmailState = 'QUEUED' | 'SENT' | 'FAILED';

/** One delivery attempt, as the sender recorded it. */
export interface OutboxAttempt {
  at: string;
  outcome: 'SENT' | 'FAILED';
  /** The relay's answer on a failure (no credentials, no message body). */
  error?: string;
}

/** An email to send, as the step that causes it records it. */
export interface NewOutboxEmail {
  caseId: string;
  /**
   * The case's event this email belongs to (`<template>#<the step's idempotency key>`): recording the
   * same key twice records once, so a retried step or a redelivered upload event never emails twice.
   */
  key: string;
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  now: Date;
}

export interface OutboxEmail {
  caseId: string;
  /** Short, URL-safe id of `key` within the case (the officer routes name an email by it). */
  emailId: string;
  key: string;
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  state: OutboxEmailState;
  /** Attempts since it was (re)queued; the retry schedule counts these. */
  attempts: number;
  /** When the next attempt is due (QUEUED only); while a sender holds it, the end of its lease. */
  nextAttemptAt?: string;
  /** The sender holding the email (between its claim and the outcome). */
  leaseId?: string;
  lastAttemptAt?: string;
  lastError?: string;
  sentAt?: string;
  failedAt?: string;
  createdAt: string;
  /** The latest attempts, oldest first (at most OUTBOX_HISTORY_LIMIT). */
  history: OutboxAttempt[];
  /** Every time an officer asked for it to be sent again. */
  resends?: { by: Actor; at: string }[];
}

/** What became of an attempt, as the sender reports it. */
export type AttemptOutcome =
  | { outcome: 'SENT'; at: Date }
  | { outcome: 'RETRY'; at: Date; error: string; nextAttemptAt: Date }
  | { outcome: 'FAILED'; at: Date; error: string };

export type RequeueResult =
  | { outcome: 'requeued'; email: OutboxEmail }
  | { outcome: 'not-found' }
  /** A sender holds it right now; asking again after its attempt is the way. */
  | { outcome: 'sending'; email: OutboxEmail };

/**
 * Minutes to wait after the n-th failed attempt (index n - 1) before the next one: doubling from one
 * minute, capped at four hours, so a short blip costs a minute and a long outage is not hammered.
 * Fourteen attempts span 24 h 15 min from the first; after the last failure the email is FAILED.
 */
export const RETRY_DELAYS_MINUTES: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 240, 240, 240, 240, 240];

/** Attempts before an email is dead-lettered: the first, then one after each delay. */
export const MAX_EMAIL_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/** Attempts kept on the email (a resent email's earlier cycles included). */
export const OUTBOX_HISTORY_LIMIT = 40;

/**
 * When to try again after `attempts` failed attempts, or undefined when that was the last one (the
 * email is then FAILED).
 */
export function nextAttemptAfterFailure(attempts: number, failedAt: Date): Date | undefined {
  const delay = RETRY_DELAYS_MINUTES[attempts - 1];
  if (attempts >= MAX_EMAIL_ATTEMPTS || delay === undefined) return undefined;
  return new Date(failedAt.getTime() + delay * 60_000);
}

/** The outbox's view of a case for officers: what was sent, what waits, what failed and why. */
export type OutboxEmailSummary = Omit<OutboxEmail, 'text' | 'html' | 'leaseId' | 'key'> & {
  /** A sender holds it right now (an attempt is under way). */
  sending: boolean;
};

/** An email as officers see it (no bodies: the mailbox has those; no lease id). */
export function summariseEmail(email: OutboxEmail, now: Date): OutboxEmailSummary {
  const { text: _text, html: _html, leaseId, key: _key, ...rest } = email;
  return {
    ...rest,
    sending: Boolean(leaseId) && email.state === 'QUEUED' && (email.nextAttemptAt ?? '') > now.toISOString(),
  };
}
