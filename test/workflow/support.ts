/** Small readers and runs shared by the workflow tests. */
import { expect } from 'vitest';
import type { WorkflowHarness } from './harness.ts';

/** The statuses a case went through, following each change's from → to (events can share timestamps). */
export function statusChain(audit: { action: string; fromStatus?: string; toStatus?: string }[]): string[] {
  const changes = audit.filter((e) => e.action === 'STATUS_CHANGED');
  const chain: string[] = [];
  let at = 'DRAFT';
  for (;;) {
    const next = changes.find((e) => e.fromStatus === at);
    if (!next?.toStatus) return chain;
    chain.push(next.toStatus);
    changes.splice(changes.indexOf(next), 1);
    at = next.toStatus;
  }
}

/** The Chinese half of each subject ("中文 / English"). */
export const zhSubjects = (subjects: string[]): string[] => subjects.map((s) => s.split(' / ')[0] ?? s);

/** 10:00 China time on the first weekday a week after `from`: a slot an officer would book. */
export function appointmentSlot(from: number): string {
  const date = new Date(from + 7 * 86_400_000);
  while ([0, 6].includes(date.getUTCDay())) date.setUTCDate(date.getUTCDate() + 1);
  return `${date.toISOString().slice(0, 10)}T10:00:00+08:00`;
}

/**
 * Runs a case from submission to the bureau's approval with `icpNumber`, through the in-person
 * verification when the kind asks for it.
 */
export async function runToApproval(
  h: WorkflowHarness,
  caseId: string,
  icpNumber: string,
  withVerification: boolean,
): Promise<void> {
  await h.submit(caseId);
  await h.completeDocuments(caseId);
  await h.decide(caseId, 'REVIEW', { decision: 'APPROVE' });
  if (withVerification) {
    await h.decide(caseId, 'APPOINTMENT', { officeId: 'BJ', startsAt: appointmentSlot(h.clock.now()) });
    await h.decide(caseId, 'VERIFICATION', { outcome: 'PRESENT' });
  }
  await h.decide(caseId, 'BUREAU_SUBMISSION', { submittedAt: new Date(h.clock.now()).toISOString() });
  await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
  await h.decide(caseId, 'BUREAU_DECISION', { decision: 'APPROVE', icpNumber });
  expect((await h.waitForExecution(caseId)).status).toBe('SUCCEEDED');
  expect((await h.store.getCase(caseId))?.status).toBe('APPROVED');
}
