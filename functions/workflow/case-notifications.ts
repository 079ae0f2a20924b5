import { renderEmail, type TemplateData, type TemplateName } from '#adapters/email/templates';
import type { CaseRecord } from '#domain/case-record';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

type WithoutCommon<T> = Omit<T, 'caseId' | 'applicantName' | 'caseUrl'>;

/**
 * The applicant's page for a case in the portal. The console routes by the hash (console/src/router.ts:
 * it works from any static host with no rewrite rules), so the link carries `#/cases/<id>`.
 */
export const caseUrl = (deps: Pick<WorkflowDependencies, 'portalUrl'>, caseId: string): string =>
  `${deps.portalUrl.replace(/\/$/, '')}/#/cases/${encodeURIComponent(caseId)}`;

/**
 * Emails the case's contact about one event: the message is rendered and recorded in the case's
 * outbox once per `onceKey` (a retried task records nothing new) and the outbox sender delivers it
 * (functions/workflow/outbox-sender.ts). Nothing here talks to the mail relay, so a relay outage never
 * fails, slows or changes the step: the email waits in the outbox and the case moves on.
 */
export async function emailApplicant<K extends TemplateName>(
  deps: Pick<WorkflowDependencies, 'store' | 'portalUrl' | 'now'>,
  record: CaseRecord,
  template: K,
  data: WithoutCommon<TemplateData[K]>,
  onceKey: string,
): Promise<void> {
  const full = {
    caseId: record.caseId,
    applicantName: record.contact.name,
    caseUrl: caseUrl(deps, record.caseId),
    ...data,
  } as TemplateData[K];
  const message = renderEmail(template, record.contact.email, full);
  await deps.store.enqueueEmail({
    caseId: record.caseId,
    key: `${template}#${onceKey}`,
    template,
    ...message,
    now: deps.now(),
  });
}
