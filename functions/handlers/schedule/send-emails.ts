import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { publishEmailDeadLettered } from '#adapters/cloudwatch-metrics';
import { emailEnv, emailSenderFromConfig } from '#adapters/email/email-from-config';
import { caseStoreFrom } from '#adapters/from-config';
import { baseEnv, loadConfig } from '#config';
import { type OutboxSenderDependencies, sendDueEmails } from '#workflow/outbox-sender';
import { createLogger } from '../../logger.ts';

const logger = createLogger('send-emails');
const senderEnv = baseEnv.extend(emailEnv.shape);
let wired: Promise<Omit<OutboxSenderDependencies, 'hasTimeFor'>> | undefined;

/** The longest one attempt can take (the SMTP sender's connection, greeting and socket timeouts). */
const LONGEST_ATTEMPT_MS = 45_000;

async function build(): Promise<Omit<OutboxSenderDependencies, 'hasTimeFor'>> {
  const config = loadConfig(senderEnv);
  return {
    store: caseStoreFrom(config),
    email: await emailSenderFromConfig(config),
    now: () => new Date(),
    leaseId: () => randomUUID(),
    deadLettered: () => publishEmailDeadLettered(),
  };
}

/**
 * An EventBridge schedule (every minute, infra/handlers.ts): sends the outbox's due emails
 * (functions/workflow/outbox-sender.ts). The event carries nothing it needs; a run that fails or
 * stops early leaves the rest due for the next one. It stops claiming while an attempt might not
 * finish before the function's timeout, so a lease never outlives the run holding it unfinished.
 */
export const handler = async (_event: unknown, context?: Context): Promise<void> => {
  wired ??= build();
  const deps = await wired;
  const run = await sendDueEmails({
    ...deps,
    hasTimeFor: () => !context || context.getRemainingTimeInMillis() > LONGEST_ATTEMPT_MS,
  });
  if (run.sent + run.retried + run.deadLettered + run.skipped > 0) logger.info('outbox run', { ...run });
};
