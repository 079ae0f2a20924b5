import { TERMINAL_STATUSES } from '../../../functions/domain/case-status.ts';
import {
  DOCUMENT_RULES,
  type DocumentType,
  isPrintableForm,
} from '../../../functions/domain/document-types.ts';
import type { CaseView } from '../api.ts';
import { formatBytes, formatChinaDateTime } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { colon } from '../punctuation.ts';
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
          const problems = (summary?.findings ?? []).filter((f) => f.severity !== 'INFO');
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
                      types: typeNames(rule.contentTypes),
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
              {showProblems && problems.length > 0 && (
                <div className="reasons" data-testid={`doc-reasons-${docType}`}>
                  <strong>
                    {t('reasons')}
                    {colon(lang)}
                  </strong>
                  <ul>
                    {problems.map((f) => (
                      <li key={`${f.code}:${f.message}`}>{pick(f.messageZh, f.message)}</li>
                    ))}
                  </ul>
                </div>
              )}
              {canUpload(record, docType) &&
                (status === 'VALID' || status === 'PENDING' ? (
                  <details className="replace">
                    <summary data-testid={`replace-${docType}`}>{t('replaceFile')}</summary>
                    <UploadDropzone
                      caseId={record.caseId}
                      docType={docType}
                      replacing
                      onUploaded={(uploadId) => onUploaded(docType, uploadId)}
                    />
                  </details>
                ) : (
                  <UploadDropzone
                    caseId={record.caseId}
                    docType={docType}
                    replacing={status !== 'MISSING'}
                    onUploaded={(uploadId) => onUploaded(docType, uploadId)}
                  />
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
