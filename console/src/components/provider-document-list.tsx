import { useCallback, useEffect, useState } from 'react';
import { api, type CaseView, type ProviderDocumentList } from '../api.ts';
import { formatBytes, formatChinaDateTime } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { ErrorMessage } from './error-message.tsx';

/**
 * The provider's qualification documents of a case with their download links (attachments, valid a
 * few minutes): loaded when the case's count changes, and again on a click after the links expired.
 */
export function ProviderDocumentLinks({
  count,
  load,
}: {
  /** How many the case has: a change reloads the links. */
  count: number;
  load: () => Promise<ProviderDocumentList>;
}) {
  const { t, pick, lang } = useI18n();
  const [list, setList] = useState<ProviderDocumentList>();
  const [error, setError] = useState<unknown>();
  const refresh = useCallback(async () => {
    try {
      const fresh = await load();
      setList(fresh);
      setError(undefined);
      return fresh;
    } catch (e) {
      setError(e);
      return undefined;
    }
  }, [load]);
  useEffect(() => {
    if (count > 0) void refresh();
  }, [count, refresh]);

  if (count === 0) return <p className="muted">{t('providerDocumentsNone')}</p>;
  return (
    <>
      <ErrorMessage error={error} />
      <ul className="plain-list" data-testid="provider-documents">
        {(list?.items ?? []).map((doc) => (
          <li key={doc.documentId} data-testid={`provider-document-${doc.kind}`}>
            <a
              href={doc.downloadUrl}
              download
              data-testid={`provider-download-${doc.kind}`}
              onClick={(event) => {
                if (list && Date.parse(list.linksExpireAt) > Date.now()) return;
                event.preventDefault();
                void refresh().then((fresh) => {
                  const url = fresh?.items.find((d) => d.documentId === doc.documentId)?.downloadUrl;
                  if (url) window.location.assign(url);
                });
              }}
            >
              {pick(doc.labelZh, doc.labelEn)}
            </a>{' '}
            <span className="muted small">
              {formatBytes(doc.size)} · {formatChinaDateTime(doc.attachedAt, lang)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The applicant's card: the provider's documents for their licence application, to download. */
export function ProviderDocumentsCard({ record }: { record: CaseView }) {
  const { t } = useI18n();
  const caseId = record.caseId;
  const load = useCallback(() => api.providerDocuments(caseId), [caseId]);
  const count = record.providerDocuments?.length ?? 0;
  return (
    <section
      className="card"
      aria-labelledby="provider-documents-title"
      data-testid="provider-documents-card"
    >
      <h2 id="provider-documents-title">{t('providerDocumentsTitle')}</h2>
      <p className="muted">{count > 0 ? t('providerDocumentsReady') : t('providerDocumentsIntro')}</p>
      <ProviderDocumentLinks count={count} load={load} />
    </section>
  );
}
