/**
 * `npm run demo`: one complete GENERAL case through the API of a running `npm start`, as the
 * applicant 张伟 and the Beijing officer 王芳, printing each step. Open the mailbox afterwards to read
 * every email the applicant received.
 *
 *   npm run demo                          against http://127.0.0.1:8080
 *   npm run demo -- http://host:port      against another portal URL
 */
import { addBusinessDays, chinaDate, isBusinessDay } from '#domain/china-calendar';
import { DOCUMENT_RULES, type DocumentType } from '#domain/document-types';
import { apiAs, type StackConfig, signIn, uploadSampleDocuments, waitUntil } from './api-client.ts';
import { SAMPLE_APPLICATIONS } from './sample-applications.ts';

interface CaseView {
  caseId: string;
  status: string;
  currentStep?: string;
  requiredDocuments: DocumentType[];
  documents: Partial<Record<DocumentType, { status: string }>>;
  icpNumber?: string;
  dueDate?: string;
  smsWindow?: { endsAt: string };
}

/** How far ahead the demo books the appointment: long enough for the booking to land first. */
const APPOINTMENT_LEAD_MS = 10_000;

/** An instant as the console sends it: China time with its offset, to the second. */
const chinaIsoTime = (instant: Date) =>
  `${new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

const step = (n: number, text: string) => console.log(`\n${String(n).padStart(2)}. ${text}`);
const detail = (text: string) => console.log(`    ${text}`);

async function main() {
  const portal = (process.argv[2] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  let config: StackConfig & { mailboxUrl: string };
  try {
    config = (await (await fetch(`${portal}/config.json`)).json()) as typeof config;
  } catch {
    throw new Error(`No local stack at ${portal}: start it with npm start first.`);
  }
  const application = SAMPLE_APPLICATIONS.chineseIndividual;

  step(1, `张伟 signs in and opens a general ICP case for ${application.websites[0]?.domains[0]}`);
  const applicant = apiAs(config, await signIn(config, 'applicant-zhang-wei'));
  const draft = await applicant<CaseView>('POST', '/cases', application);
  detail(`case ${draft.caseId}: ${draft.status}; documents needed: ${draft.requiredDocuments.length}`);

  step(2, 'He submits it: the workflow starts and checks eligibility');
  await applicant('POST', `/cases/${draft.caseId}/submit`);
  const read = () => applicant<CaseView>('GET', `/cases/${draft.caseId}`);
  await waitUntil(read, (c) => c.status === 'AWAITING_DOCUMENTS', 'the documents step');
  detail(
    'eligible; waiting for documents (case-opened email queued: the outbox sender mails it within a minute)',
  );

  step(3, 'He uploads each document straight to S3 with a presigned POST; each is inspected on arrival');
  await uploadSampleDocuments(applicant, draft.caseId, application, draft.requiredDocuments, (docType) =>
    detail(`${DOCUMENT_RULES[docType].labelZh} / ${DOCUMENT_RULES[docType].labelEn} → uploaded`),
  );
  const reviewed = await waitUntil(read, (c) => c.currentStep === 'REVIEW', 'the officer review', 60);
  detail(
    `all ${Object.values(reviewed.documents).filter((d) => d?.status === 'VALID').length} documents valid; cross-checked; now with the officers`,
  );

  step(4, '王芳 (Beijing office) approves the documents');
  const officer = apiAs(config, await signIn(config, 'officer-wang-fang'));
  const queue = await officer<{ items: { caseId: string }[] }>('GET', '/officer/queue?step=REVIEW');
  detail(`the review queue holds ${queue.items.length} case(s)`);
  await officer('POST', `/officer/cases/${draft.caseId}/review`, { decision: 'APPROVE' });
  const waitStep = (name: string) => waitUntil(read, (c) => c.currentStep === name, name);
  await waitStep('APPOINTMENT');

  // Presence is recorded only once the appointment has started (issue 14), on the server's clock, so
  // the demo books the verification a few seconds ahead and waits for it: that needs today to be a
  // China business day, as an appointment must be.
  const today = chinaDate();
  if (!isBusinessDay(today)) {
    throw new Error(
      `Today (${today}, China time) is not a China business day: the offices are closed, so an appointment cannot start today and its verification cannot be recorded. Run the demo on a business day (the next is ${addBusinessDays(today, 1)}), or continue case ${draft.caseId} in the console then.`,
    );
  }
  const startsAt = chinaIsoTime(new Date(Date.now() + APPOINTMENT_LEAD_MS));
  step(5, `She books the in-person verification at the Beijing office, starting ${startsAt}`);
  await officer('POST', `/officer/cases/${draft.caseId}/appointment`, { officeId: 'BJ', startsAt });
  await waitStep('VERIFICATION');
  detail('the applicant is emailed the date, the address and what to bring');

  step(6, 'The responsible person attends; once the appointment has started she confirms presence');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(startsAt) - Date.now() + 1000)));
  await officer('POST', `/officer/cases/${draft.caseId}/verification`, { outcome: 'PRESENT' });
  await waitStep('BUREAU_SUBMISSION');

  step(7, 'She submits the filing to the Beijing Communications Administration');
  await officer('POST', `/officer/cases/${draft.caseId}/bureau-submission`, {
    submittedAt: new Date().toISOString(),
    reference: `BJ-${Date.now()}`,
  });
  const atBureau = await waitUntil(
    read,
    (c) => c.currentStep === 'SMS_VERIFICATION' && Boolean(c.smsWindow),
    'SMS_VERIFICATION',
  );
  detail(`decision due by ${atBureau.dueDate} (20 China business days)`);
  detail(
    `the bureau texts the responsible person: the SMS verification is due by ${atBureau.smsWindow?.endsAt}`,
  );
  await officer('POST', `/officer/cases/${draft.caseId}/sms-verification`, {
    outcome: 'COMPLETED',
    note: 'Applicant confirmed the SMS code',
  });
  await waitStep('BUREAU_DECISION');
  detail('the applicant completed the bureau’s SMS verification');

  const icpNumber = `京ICP备${String(2026_000000 + Math.floor(Math.random() * 999_999))}号-1`;
  step(8, `The bureau approves: she records ${icpNumber}`);
  await officer('POST', `/officer/cases/${draft.caseId}/bureau-decision`, { decision: 'APPROVE', icpNumber });
  const approved = await waitUntil(read, (c) => c.status === 'APPROVED', 'approval');

  step(9, `Case ${approved.caseId} is ${approved.status} with ${approved.icpNumber}`);
  detail(
    `footer: <a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">${approved.icpNumber}</a>`,
  );
  detail(`emails: ${config.mailboxUrl}?to=${application.responsiblePerson.email}`);
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
