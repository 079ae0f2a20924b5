import type { Bilingual } from '#domain/bilingual';
import type { CaseRecord } from '#domain/case-record';
import { applyApprovedCase, entityNumberOf } from '#domain/filing-registry';
import { SYSTEM } from './step-audit.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * Writes what an approved case changed into the filing registry (functions/domain/filing-registry.ts).
 * The new state is computed from the registry and the case alone, stamped with `approvedAt` (when the
 * IssueNumber step was entered), so a retried IssueNumber writes the very same items and audit event
 * again (stored once).
 */
export async function recordApprovedFiling(
  deps: Pick<WorkflowDependencies, 'store'>,
  record: CaseRecord,
  icpNumber: string,
  idempotencyKey: string,
  approvedAt: string,
): Promise<void> {
  const entityNumber = entityNumberOf(icpNumber);
  if (!entityNumber) return;
  const before = await deps.store.getEntityFilings(entityNumber);
  const after = applyApprovedCase(before, record, icpNumber, approvedAt);
  if (!after || after === before) return;
  await deps.store.putEntityFilings(after);
  await deps.store.appendAudit({
    caseId: record.caseId,
    at: approvedAt,
    idempotencyKey,
    actor: SYSTEM,
    action: 'REGISTRY_UPDATED',
    detail: { entityNumber, icpNumber, filingType: record.filingType },
  });
}

/** What the applicant is told a change or cancellation did, for the `filingUpdated` email. */
export const UPDATE_OUTCOMES: Partial<Record<CaseRecord['filingType'], Bilingual>> = {
  CHANGE_ACCESS: {
    zh: '网站的接入信息（服务器 IP）已更新，备案号不变。',
    en: 'The website’s access details (server IP addresses) are updated; its number stays the same.',
  },
  CANCEL_ACCESS: {
    zh: '本服务商已取消该网站的接入，网站备案保留；请尽快在新的接入商办理接入备案，否则管局可能注销该备案。',
    en: 'We no longer host the website; its filing stays. Have your new provider take it in soon, or the bureau may cancel the filing.',
  },
  CHANGE_WEBSITE: {
    zh: '网站的备案信息（名称、域名、负责人或服务内容）已更新，网站备案号不变。',
    en: 'The website’s filed details (name, domains, responsible person or services) are updated; its number stays the same.',
  },
  CHANGE_ENTITY: {
    zh: '主体的备案信息已更新，主体备案号及各网站备案号不变。',
    en: 'The entity’s filed details are updated; its number and its websites’ numbers stay the same.',
  },
  CANCEL_ENTITY: {
    zh: '主体及其全部网站的备案已注销，请勿再使用这些备案号；如需再提供网站服务，须重新备案。',
    en: 'The entity’s filing and every website’s under it are cancelled: stop showing these numbers. To run a website again, file anew.',
  },
  CLAIM: {
    zh: '备案认领已完成：该主体的备案号已登记在您的账户下；其网站迁入本服务商请办理接入备案。',
    en: 'The claim is done: the entity’s number is now on record under your account. To move its websites here, file a transfer in for each.',
  },
  CANCEL_WEBSITE: {
    zh: '该网站的备案已注销，请勿再使用该备案号；主体及其他网站的备案不受影响。',
    en: 'The website’s filing is cancelled: stop showing its number. The entity and its other websites stay filed.',
  },
};
