/** Who and when for the audit events workflow tasks write (kept apart from emailing, which not every task does). */

/** The actor every workflow task acts as in the audit trail. */
export const SYSTEM = { subject: 'system:workflow', role: 'system' } as const;

/**
 * When the step a task runs for was entered, from its idempotency key (`State.Name#EnteredTime`):
 * audit events written with it keep one key across retries of the task, so they are stored once.
 */
export function stepTime(idempotencyKey: string, fallback: Date): string {
  const entered = idempotencyKey.slice(idempotencyKey.lastIndexOf('#') + 1);
  return Number.isNaN(Date.parse(entered)) ? fallback.toISOString() : new Date(entered).toISOString();
}
