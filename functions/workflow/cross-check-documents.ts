import type { z } from 'zod';
import type { Application } from '#domain/application';
import type { Bilingual } from '#domain/bilingual';
import type { CaseRecord } from '#domain/case-record';
import { DOCUMENT_RULES, type DocumentType, type Finding } from '#domain/document-types';
import { maskId, redactText } from '../logger.ts';
import { emailApplicant } from './case-notifications.ts';
import { loadCase } from './load-case.ts';
import { SYSTEM, stepTime } from './step-audit.ts';
import type { CaseTaskInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

interface Returned {
  docType: DocumentType;
  finding: Finding;
}

export interface CrossCheckOutcome {
  consistent: boolean;
  returned: { docType: DocumentType; reason: Bilingual }[];
}

// ID numbers in a form's stored text: the inspection keeps them masked (first 3 and last 2 characters,
// see maskId), so they are compared in that form.
const MASKED_ID_NUMBERS = /(?<![0-9A-Z*])[0-9A-Z]{3}\*{10,}[0-9A-Z]{2}(?![0-9A-Z*])/g;
const FORMS: readonly DocumentType[] = ['WEBSITE_VERIFICATION_FORM', 'REGISTRATION_APPLICATION_FORM'];

const comparable = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s()（）·.,，]/g, '')
    .toLowerCase();

/**
 * Checks that the documents agree with the application and with each other: the domain certificate's
 * holder is the applicant (the company, for a business), and the forms name the applicant and carry
 * no ID number other than the application's. Documents that disagree go back to the applicant with a
 * reason (the workflow returns to AwaitDocuments); what cannot be read (scans without text) is left to
 * the officer's review.
 */
export async function crossCheckDocuments(
  deps: WorkflowDependencies,
  input: z.infer<typeof CaseTaskInput>,
): Promise<CrossCheckOutcome> {
  let record = await loadCase(deps, input.caseId);
  if (record.status === 'AWAITING_DOCUMENTS') {
    record = await deps.store.updateStatus({
      caseId: input.caseId,
      to: 'CROSS_CHECKING',
      step: null,
      actor: SYSTEM,
      idempotencyKey: input.idempotencyKey,
      retryOnConflict: 5,
      now: deps.now(),
    });
  }
  const { application } = record;
  const returned: Returned[] = [];
  const facts = async (docType: DocumentType) => {
    const summary = record.documents[docType];
    if (!summary) return undefined;
    const version = await deps.store.getDocumentVersion(input.caseId, docType, summary.uploadId);
    return version?.facts as { holderName?: string; textExcerpt?: string } | undefined;
  };

  const applicantName = comparable(application.applicant.name);
  const certificate = await facts('DOMAIN_CERTIFICATE');
  if (certificate?.holderName && comparable(certificate.holderName) !== applicantName) {
    returned.push({
      docType: 'DOMAIN_CERTIFICATE',
      finding: finding(
        'CROSS_CHECK_HOLDER_MISMATCH',
        `The domain certificate names "${certificate.holderName}" as holder, not the applicant "${application.applicant.name}". The domain must be held by the applicant: transfer it at the registrar first, then upload the new certificate.`,
        `域名证书上的持有者为“${certificate.holderName}”，与申请主体“${application.applicant.name}”不一致。域名须由申请主体持有，请先在注册商处完成域名过户，再上传新的域名证书。`,
      ),
    });
  }

  const knownIds = new Set(idNumbersOf(application));
  for (const docType of FORMS) {
    if (!record.requiredDocuments.includes(docType)) continue;
    const text = (await facts(docType))?.textExcerpt;
    if (!text) continue;
    const label = DOCUMENT_RULES[docType];
    if (!comparable(text).includes(applicantName)) {
      returned.push({
        docType,
        finding: finding(
          'CROSS_CHECK_NAME_MISSING',
          `The ${label.labelEn} does not name the applicant "${application.applicant.name}".`,
          `${label.labelZh}中未填写申请主体名称“${application.applicant.name}”。`,
        ),
      });
      continue;
    }
    const foreign = [...redactText(text).toUpperCase().matchAll(MASKED_ID_NUMBERS)]
      .map((m) => m[0])
      .filter((id) => !knownIds.has(id));
    if (foreign.length > 0) {
      returned.push({
        docType,
        finding: finding(
          'CROSS_CHECK_ID_MISMATCH',
          `The ${label.labelEn} contains an ID number that is not in the application.`,
          `${label.labelZh}中的证件号码与申请信息不一致。`,
        ),
      });
    }
  }

  // A supervisor who accepted a document settles it: the cross-check does not send it back again.
  const settled = returned.filter((r) => !record.documents[r.docType]?.override);
  returned.splice(0, returned.length, ...settled);
  if (returned.length > 0) await sendBack(deps, record, returned, input.idempotencyKey);
  await deps.store.appendAudit({
    caseId: input.caseId,
    at: stepTime(input.idempotencyKey, deps.now()),
    idempotencyKey: input.idempotencyKey,
    actor: SYSTEM,
    action: 'DOCUMENTS_CROSS_CHECKED',
    detail: { consistent: returned.length === 0, returned: returned.map((r) => r.docType) },
  });
  return {
    consistent: returned.length === 0,
    returned: returned.map((r) => ({
      docType: r.docType,
      reason: { zh: r.finding.messageZh, en: r.finding.message },
    })),
  };
}

function finding(code: string, message: string, messageZh: string): Finding {
  return { code, severity: 'ERROR', message, messageZh };
}

function idNumbersOf(application: Application): string[] {
  const { applicant, responsiblePerson } = application;
  const ids = [responsiblePerson.idNumber];
  ids.push('creditCode' in applicant ? applicant.creditCode : applicant.idNumber);
  return ids.map((id) => maskId(id.toUpperCase()));
}

async function sendBack(deps: WorkflowDependencies, before: CaseRecord, returned: Returned[], key: string) {
  const record = await deps.store.modifyCase(
    before.caseId,
    (current) => {
      for (const { docType, finding: f } of returned) {
        const summary = current.documents[docType];
        if (!summary || summary.findings.some((x) => x.code === f.code)) continue;
        current.documents[docType] = { ...summary, status: 'INVALID', findings: [...summary.findings, f] };
      }
      return current;
    },
    { now: deps.now() },
  );
  for (const { docType, finding: f } of returned) {
    await emailApplicant(
      deps,
      record,
      'documentInvalid',
      {
        document: { zh: DOCUMENT_RULES[docType].labelZh, en: DOCUMENT_RULES[docType].labelEn },
        reasons: [{ zh: f.messageZh, en: f.message }],
      },
      `${key}#${docType}`,
    );
  }
}
