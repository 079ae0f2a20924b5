import { renderEmail, type TemplateData, type TemplateName } from '#adapters/email/templates';
import type { CaseRecord } from '#domain/case-record';
import { SYSTEM } from './step-audit.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

type WithoutCommon<T> = Omit<T, 'caseId' | 'applicantName' | 'caseUrl'>;

/** The applicant's page for a case in the portal. */
export const caseUrl = (deps: Pick<WorkflowDependencies, 'portalUrl'>, caseId: string): string =>
  `${deps.portalUrl.replace(/\/$/, '')}/cases/${encodeURIComponent(caseId)}`;

/**
 * Emails the case's contact once per `onceKey`: a retried task does not send twice. The mark is
 * taken before sending and given back if sending fails, so a retry sends it then.
 */
export async function emailApplicant<K extends TemplateName>(
  deps: Pick<WorkflowDependencies, 'store' | 'email' | 'portalUrl' | 'now'>,
  record: CaseRecord,
  template: K,
  data: WithoutCommon<TemplateData[K]>,
  onceKey: string,
): Promise<void> {
  const key = `EMAIL#${template}#${onceKey}`;
  if (!(await deps.store.markOnce(record.caseId, key))) return;
  const full = {
    caseId: record.caseId,
    applicantName: record.contact.name,
    caseUrl: caseUrl(deps, record.caseId),
    ...data,
  } as TemplateData[K];
  try {
    await deps.email.send(renderEmail(template, record.contact.email, full));
  } catch (error) {
    await deps.store.clearOnce(record.caseId, key);
    throw error;
  }
  await deps.store.appendAudit({
    caseId: record.caseId,
    at: deps.now().toISOString(),
    idempotencyKey: key,
    actor: SYSTEM,
    action: 'EMAIL_SENT',
    detail: { template },
  });
}
