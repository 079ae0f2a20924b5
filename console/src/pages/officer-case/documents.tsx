import { type ReactNode, useState } from 'react';
import {
  DOCUMENT_RULES,
  type DocumentType,
  type Finding,
} from '../../../../functions/domain/document-types.ts';
import { api, type OfficerCaseView, type OfficerDocument } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { findingsBySource } from '../../document-reasons.ts';
import { formatChinaDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { ImageViewer } from '../../viewer/image-viewer.tsx';
import { PdfViewer } from '../../viewer/pdf-viewer.tsx';
import { ActionButton } from './action-button.tsx';

/**
 * The document as the officer reads it: a PDF in the pdf.js viewer, an image zoomable, both from the
 * preview link (signed inline with the type found in the file); every file can be downloaded (the
 * download link is signed as an attachment). Without a detected type (older uploads) the
 * document's rule decides: PDF-only types go to the PDF viewer, the rest are shown as images.
 */
function Preview({ doc }: { doc: OfficerDocument }) {
  const { t, pick } = useI18n();
  if (!doc.downloadUrl) return null;
  const label = `${t('preview')}: ${pick(doc.labelZh, doc.labelEn)}`;
  const pdfOnly = DOCUMENT_RULES[doc.docType].contentTypes.every((c) => c === 'application/pdf');
  const isPdf = doc.contentType ? doc.contentType === 'application/pdf' : pdfOnly;
  const viewer = `viewer-${doc.docType}`;
  return (
    <figure className="preview" data-testid={`preview-${doc.docType}`}>
      {doc.previewUrl && isPdf && doc.uploadId && (
        <PdfViewer uploadId={doc.uploadId} url={doc.previewUrl} label={label} testId={viewer} />
      )}
      {doc.previewUrl && !isPdf && <ImageViewer url={doc.previewUrl} label={label} testId={viewer} />}
      <figcaption>
        <a href={doc.downloadUrl} data-testid={`download-${doc.docType}`} rel="noopener noreferrer">
          {pick('下载', 'Download')}
        </a>
      </figcaption>
    </figure>
  );
}

function FindingList({ findings }: { findings: readonly Finding[] }) {
  const { pick } = useI18n();
  return (
    <ul>
      {findings.map((f) => (
        <li key={`${f.code}:${f.message}`} className={`finding finding-${f.severity.toLowerCase()}`}>
          <span className="finding-severity">{f.severity}</span> {pick(f.messageZh, f.message)}{' '}
          <code className="small">{f.code}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * The automatic check's findings, then an officer's or the bureau's return reasons under their own
 * headings (issue 17: a return was listed as an automated finding).
 */
function Findings({ doc }: { doc: OfficerDocument }) {
  const { t } = useI18n();
  const { automated, officer, bureau } = findingsBySource(doc.findings);
  return (
    <div className="findings" data-testid={`findings-${doc.docType}`}>
      <h4>{t('findings')}</h4>
      {automated.length === 0 ? (
        <p className="muted small">{t('noFindings')}</p>
      ) : (
        <FindingList findings={automated} />
      )}
      {officer.length > 0 && (
        <div data-testid={`findings-officer-${doc.docType}`}>
          <h4>{t('reasonsOfficer')}</h4>
          <FindingList findings={officer} />
        </div>
      )}
      {bureau.length > 0 && (
        <div data-testid={`findings-bureau-${doc.docType}`}>
          <h4>{t('reasonsBureau')}</h4>
          <FindingList findings={bureau} />
        </div>
      )}
      {doc.override && <p className="small">{t('overridden', { reason: doc.override.reason })}</p>}
    </div>
  );
}

function DocumentHead({ doc }: { doc: OfficerDocument }) {
  const { pick, lang } = useI18n();
  return (
    <div className="checklist-head">
      <div>
        <h3 className="doc-title">{pick(doc.labelZh, doc.labelEn)}</h3>
        <p className="muted small">
          {lang === 'zh' ? doc.labelEn : doc.labelZh}
          {doc.uploadedAt && ` · ${formatChinaDateTime(doc.uploadedAt, lang)}`}
        </p>
      </div>
      <StatusBadge status={doc.status} kind="document" testId={`doc-status-${doc.docType}`} />
    </div>
  );
}

/** One document of the case: its head, preview and findings, then what the officer may do with it. */
export function DocumentItem({
  doc,
  className = 'checklist-item',
  children,
}: {
  doc: OfficerDocument;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <li className={className} data-testid={`officer-doc-${doc.docType}`} data-status={doc.status}>
      <DocumentHead doc={doc} />
      <div className="doc-body">
        <Preview doc={doc} />
        <div>
          <Findings doc={doc} />
          {children}
        </div>
      </div>
    </li>
  );
}

/** When the document links expire, with a button to fetch fresh ones. */
export function LinksNote({ view, onRefresh }: { view: OfficerCaseView; onRefresh: () => void }) {
  const { t, lang } = useI18n();
  return (
    <p className="muted small">
      {t('linksExpire', { at: formatChinaDateTime(view.linksExpireAt, lang) })}{' '}
      <button type="button" className="button button-small" data-testid="refresh-links" onClick={onRefresh}>
        {t('refresh')}
      </button>
    </p>
  );
}

/** The case's documents outside the review step; a supervisor may accept an invalid one. */
export function DocumentsPanel({
  view,
  supervisor,
  onRefresh,
}: {
  view: OfficerCaseView;
  supervisor: boolean;
  onRefresh: () => void;
}) {
  const { t } = useI18n();
  return (
    <Card id="docs" title={t('documentsTitle')}>
      <LinksNote view={view} onRefresh={onRefresh} />
      <ul className="checklist">
        {view.documents.map((doc) => (
          <DocumentItem key={doc.docType} doc={doc}>
            {supervisor && doc.status === 'INVALID' && (
              <DocumentOverride caseId={view.case.caseId} docType={doc.docType} />
            )}
          </DocumentItem>
        ))}
      </ul>
    </Card>
  );
}

/** A supervisor accepts a document despite its automated findings, giving a reason. */
function DocumentOverride({ caseId, docType }: { caseId: string; docType: DocumentType }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const id = `override-${docType}`;
  return (
    <div className="override">
      <label htmlFor={id}>{t('overrideReason')}</label>
      <textarea
        id={id}
        rows={2}
        value={reason}
        data-testid={`override-reason-${docType}`}
        onChange={(e) => setReason(e.target.value)}
      />
      <ActionButton
        testId={`override-doc-${docType}`}
        className="button button-small"
        kind="record"
        disabled={reason.trim().length < 5}
        post={() => api.overrideDocument(caseId, docType, reason.trim())}
      >
        {t('overrideDoc')}
      </ActionButton>
    </div>
  );
}
