import { useState } from 'react';
import { TERMINAL_STATUSES } from '../../../functions/domain/case-status.ts';
import {
  DOCUMENT_RULES,
  type DocumentType,
  isPrintableForm,
} from '../../../functions/domain/document-types.ts';
import type { CaseView } from '../api.ts';
import { type ReasonGroups, reasonGroups } from '../document-reasons.ts';
import { formatBytes, formatChinaDateTime } from '../format.ts';
import { type MessageKey, useI18n } from '../i18n.ts';
import { href } from '../router.ts';
import { StatusBadge } from './status-badge.tsx';
import { typeNames, UploadDropzone } from './upload-dropzone.tsx';

/** Whether the applicant may upload this document now (mirrors the API's rule). */
export function canUpload(record: CaseView, docType: DocumentType): boolean {
  const status = record.documents[docType]?.status;
  if (TERMINAL_STATUSES.has(record.status)) return false;
  if (record.status === 'DRAFT' || record.status === 'AWAITING_DOCUMENTS') return true;
  return status === 'INVALID' || status === 'REJECTED_BY_OFFICER';
}

/** Every required document with its status, the reasons it failed, and an upload area when allowed. */
export function DocumentChecklist({
  record,
  onUploaded,
}: {
  record: CaseView;
  onUploaded: (docType: DocumentType, uploadId: string) => void;
}) {
  const { t, lang, pick } = useI18n();
  // The last upload sent from this page for each document: its drop zone shows that upload's verdict.
  const [sent, setSent] = useState<Partial<Record<DocumentType, string>>>({});
  const uploaded = (docType: DocumentType) => (uploadId: string) => {
    setSent((prev) => ({ ...prev, [docType]: uploadId }));
    onUploaded(docType, uploadId);
  };
  const done = record.requiredDocuments.filter((d) => record.documents[d]?.status === 'VALID').length;
  return (
    <section aria-labelledby="documents-title" className="card">
      <div className="card-header">
        <h2 id="documents-title">{t('documentsTitle')}</h2>
        <span className="muted" data-testid="documents-progress">
          {t('documentsProgress', { done, total: record.requiredDocuments.length })}
        </span>
      </div>
      <p className="muted">{t('documentsIntro')}</p>
      <ul className="checklist" data-testid="document-checklist">
        {record.requiredDocuments.map((docType) => {
          const rule = DOCUMENT_RULES[docType];
          const summary = record.documents[docType];
          const status = summary?.status ?? 'MISSING';
          const groups = reasonGroups(summary?.findings ?? []);
          const showProblems = status === 'INVALID' || status === 'REJECTED_BY_OFFICER';
          return (
            <li key={docType} className="checklist-item" data-testid={`doc-${docType}`} data-status={status}>
              <div className="checklist-head">
                <div>
                  <h3 className="doc-title">{pick(rule.labelZh, rule.labelEn)}</h3>
                  <p className="muted small" lang={lang === 'zh' ? 'en' : 'zh-CN'}>
                    {lang === 'zh' ? rule.labelEn : rule.labelZh}
                  </p>
                  <p className="muted small">
                    {t('acceptedFormats', {
                      types: typeNames(rule.contentTypes, lang),
                      size: formatBytes(rule.maxBytes),
                    })}
                  </p>
                </div>
                <StatusBadge status={status} kind="document" testId={`doc-status-${docType}`} />
              </div>
              {isPrintableForm(docType) && canUpload(record, docType) && (
                <p className="small">
                  <a href={href(`/cases/${record.caseId}/forms/${docType}`)} data-testid={`print-${docType}`}>
                    {t('printForm')}
                  </a>
                </p>
              )}
              {summary?.uploadedAt && (
                <p className="muted small">
                  {t('uploadedAt', { at: formatChinaDateTime(summary.uploadedAt, lang) })}
                </p>
              )}
              {showProblems && <DocumentReasons docType={docType} groups={groups} />}
              {canUpload(record, docType) &&
                (status === 'VALID' || status === 'PENDING' ? (
                  <details className="replace">
                    <summary data-testid={`replace-${docType}`}>{t('replaceFile')}</summary>
                    <UploadDropzone
                      caseId={record.caseId}
                      docType={docType}
                      replacing
                      summary={summary}
                      sentUploadId={sent[docType]}
                      onUploaded={uploaded(docType)}
                    />
                  </details>
                ) : (
                  <UploadDropzone
                    caseId={record.caseId}
                    docType={docType}
                    replacing={status !== 'MISSING'}
                    summary={summary}
                    sentUploadId={sent[docType]}
                    onUploaded={uploaded(docType)}
                  />
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const REASON_HEADINGS: readonly [keyof ReasonGroups, MessageKey, string][] = [
  ['officer', 'reasonsOfficer', 'officer'],
  ['bureau', 'reasonsBureau', 'bureau'],
  ['automated', 'reasonsAutomated', 'automated'],
];

/**
 * Why a document was refused or sent back, each source under its own heading: the officer's or the
 * bureau's return apart from the automatic check's findings (issue 17).
 */
function DocumentReasons({ docType, groups }: { docType: DocumentType; groups: ReasonGroups }) {
  const { t, pick } = useI18n();
  const shown = REASON_HEADINGS.filter(([group]) => groups[group].length > 0);
  if (shown.length === 0) return null;
  return (
    <div className="reasons" data-testid={`doc-reasons-${docType}`}>
      {shown.map(([group, heading, id]) => (
        <div key={group} data-testid={`doc-reasons-${id}-${docType}`}>
          <h4 className="reasons-title">{t(heading)}</h4>
          <ul>
            {groups[group].map((f) => (
              <li key={`${f.code}:${f.message}`}>{pick(f.messageZh, f.message)}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
