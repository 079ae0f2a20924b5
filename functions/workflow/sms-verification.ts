import type { TemplateName } from '#adapters/email/templates';
import type { CaseRecord } from '#domain/case-record';
import { chinaDateTime } from '#domain/china-calendar';
import { emailApplicant } from './case-notifications.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * Who the bureau's SMS check concerns. MIIT texts the entity leader and/or the website's responsible
 * person (Alibaba Cloud "SMS check" guide; Huawei Cloud help: see ../shared/domain-facts.md). The
 * application names the website's responsible person (with a mobile and an email) and the case's
 * contact; an entity leader, where an application carries one, is added with the same shape.
 */
export function smsRecipients(record: CaseRecord): { name: string; email: string; mobile?: string }[] {
  const app = record.application as CaseRecord['application'] & {
    entityLeader?: { name?: string; email?: string; mobile?: string };
  };
  const people = [
    {
      name: app.responsiblePerson.name,
      email: app.responsiblePerson.email,
      mobile: app.responsiblePerson.mobile,
    },
    ...(app.entityLeader?.email && app.entityLeader.name
      ? [{ name: app.entityLeader.name, email: app.entityLeader.email, mobile: app.entityLeader.mobile }]
      : []),
    { name: record.contact.name, email: record.contact.email },
  ];
  const seen = new Set<string>();
  return people.flatMap((p) => {
    const key = p.email.toLowerCase();
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ name: p.name, email: p.email, ...(p.mobile ? { mobile: p.mobile } : {}) }];
  });
}

/** A mobile as an email may show it: enough to recognise, not enough to copy (`138****5678`). */
export const maskMobile = (mobile: string): string =>
  mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';

/**
 * Emails every SMS recipient that the check is due (or, as a reminder, about to end), with the end of
 * the window in China time; once per recipient and `onceKey`.
 */
export async function emailSmsRecipients(
  deps: Pick<WorkflowDependencies, 'store' | 'portalUrl' | 'now'>,
  record: CaseRecord,
  template: Extract<TemplateName, 'smsVerificationDue' | 'smsVerificationReminder'>,
  windowEndsAt: string,
  onceKey: string,
): Promise<void> {
  const when = chinaDateTime(windowEndsAt);
  const textedMobile = record.application.responsiblePerson.mobile;
  for (const person of smsRecipients(record)) {
    await emailApplicant(
      deps,
      { ...record, contact: { name: person.name, email: person.email } },
      template,
      { mobile: maskMobile(person.mobile ?? textedMobile), windowEndsAt: { zh: when, en: when } },
      `${onceKey}#${person.email.toLowerCase()}`,
    );
  }
}
