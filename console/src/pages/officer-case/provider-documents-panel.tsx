import { useCallback, useRef, useState } from 'react';
import type { ContentType } from '../../../../functions/domain/document-types.ts';
import {
  PROVIDER_DOCUMENT_LABELS,
  PROVIDER_DOCUMENT_MAX_BYTES,
  PROVIDER_DOCUMENT_TYPES,
  type ProviderDocumentKind,
} from '../../../../functions/domain/provider-documents.ts';
import { ApiError, api, type CaseView, postToS3 } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { SelectField } from '../../components/labelled-field.tsx';
import { ProviderDocumentLinks } from '../../components/provider-document-list.tsx';
import { contentTypeOf, typeNames } from '../../components/upload-dropzone.tsx';
import { formatBytes } from '../../format.ts';
import { useOfficerAction } from '../../hooks/use-officer-case.ts';
import { useI18n } from '../../i18n.ts';

const KINDS = Object.keys(PROVIDER_DOCUMENT_LABELS) as ProviderDocumentKind[];

/**
 * COMMERCIAL: the provider's qualification documents (接入商资质材料) for the applicant's licence
 * application. The officer picks which document and a PDF or image; it goes straight to S3 with the
 * presigned POST and is then attached to the case (audited; the applicant is emailed).
 */
export function ProviderDocumentsPanel({ record, open }: { record: CaseView; open: boolean }) {
  const { t, pick, lang } = useI18n();
  const action = useOfficerAction();
  const [kind, setKind] = useState<ProviderDocumentKind>('TELECOM_LICENCE');
  const input = useRef<HTMLInputElement>(null);
  const caseId = record.caseId;
  const load = useCallback(() => api.officerProviderDocuments(caseId), [caseId]);

  const attach = (file: File) =>
    action.record(async () => {
      const type = contentTypeOf(file);
      if (!(PROVIDER_DOCUMENT_TYPES as readonly string[]).includes(type)) {
        throw localError(t('wrongFileType', { types: typeNames(PROVIDER_DOCUMENT_TYPES, lang) }));
      }
      if (file.size === 0 || file.size > PROVIDER_DOCUMENT_MAX_BYTES) {
        throw localError(t('fileTooLarge', { size: formatBytes(PROVIDER_DOCUMENT_MAX_BYTES) }));
      }
      const form = await api.providerDocumentUpload(caseId, { kind, contentType: type as ContentType });
      await postToS3(form, file, () => undefined);
      return api.attachProviderDocument(caseId, { kind, uploadId: form.uploadId });
    });

  return (
    <Card id="provider-documents" title={t('providerDocumentsTitle')} testId="provider-documents-panel">
      <p className="muted">{t('providerDocumentsIntro')}</p>
      <ProviderDocumentLinks count={record.providerDocuments?.length ?? 0} load={load} />
      {open && (
        <div className="inline-form">
          <SelectField
            id="provider-document-kind"
            label={t('providerDocumentKind')}
            value={kind}
            onValue={(value) => setKind(value as ProviderDocumentKind)}
            options={KINDS.map((k) => [
              k,
              pick(PROVIDER_DOCUMENT_LABELS[k].zh, PROVIDER_DOCUMENT_LABELS[k].en),
            ])}
          />
          <input
            ref={input}
            type="file"
            className="visually-hidden"
            accept={[...PROVIDER_DOCUMENT_TYPES, '.jpg', '.jpeg'].join(',')}
            aria-label={t('providerDocumentAttach')}
            data-testid="provider-document-file"
            disabled={action.busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void attach(file);
            }}
          />
          <button
            type="button"
            className="button"
            data-testid="provider-document-choose"
            disabled={action.busy}
            onClick={() => input.current?.click()}
          >
            {t('providerDocumentAttach')}
          </button>
        </div>
      )}
    </Card>
  );
}

const localError = (message: string) =>
  new ApiError(400, { code: 'FILE_NOT_ACCEPTED', message, messageZh: message });
