import { type DragEvent, useId, useRef, useState } from 'react';
import {
  acceptedFormats,
  type ContentType,
  DOCUMENT_RULES,
  type DocumentType,
} from '../../../functions/domain/document-types.ts';
import { api, type DocumentSummaryView, postToS3 } from '../api.ts';
import { uploadVerdict } from '../document-reasons.ts';
import { formatBytes } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { useErrorText } from './error-message.tsx';

const BY_EXTENSION: Record<string, ContentType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The declared content type of a file: the browser's, or by extension when the browser gives none. */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type === 'image/jpg' ? 'image/jpeg' : file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? '';
}

/** The formats a document accepts, in words, from its rule (the same text as the server's reasons). */
export const typeNames = (types: readonly string[], lang: 'zh' | 'en'): string =>
  acceptedFormats(types, lang);

type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; pct: number }
  | { phase: 'done' }
  | { phase: 'error'; message: string };

/**
 * Drag-and-drop (or choose) one file for one document; it goes straight to S3 with the presigned
 * POST, with a progress bar. The parent polls the case for the inspection result and passes the
 * document's summary and the last upload the page sent for it (kept by the parent, so the verdict
 * survives the zone moving in or out of the "upload again" box): the zone says "checking" only until
 * the case holds that upload's verdict, then the verdict.
 */
export function UploadDropzone({
  caseId,
  docType,
  replacing,
  summary,
  sentUploadId,
  onUploaded,
}: {
  caseId: string;
  docType: DocumentType;
  replacing: boolean;
  /** The document as the case shows it now. */
  summary: DocumentSummaryView | undefined;
  /** The last upload this page sent for the document, if any. */
  sentUploadId: string | undefined;
  onUploaded: (uploadId: string) => void;
}) {
  const { t, pick, lang } = useI18n();
  const errorText = useErrorText();
  const rule = DOCUMENT_RULES[docType];
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const label = pick(rule.labelZh, rule.labelEn);

  async function upload(file: File) {
    const type = contentTypeOf(file);
    if (!(rule.contentTypes as readonly string[]).includes(type)) {
      setState({
        phase: 'error',
        message: t('wrongFileType', { types: typeNames(rule.contentTypes, lang) }),
      });
      return;
    }
    if (file.size === 0) {
      setState({ phase: 'error', message: t('fileEmpty') });
      return;
    }
    if (file.size > rule.maxBytes) {
      setState({ phase: 'error', message: t('fileTooLarge', { size: formatBytes(rule.maxBytes) }) });
      return;
    }
    setState({ phase: 'uploading', pct: 0 });
    try {
      const form = await api.requestUpload(caseId, docType, type as ContentType);
      await postToS3(form, file, ({ loaded, total }) =>
        setState({ phase: 'uploading', pct: total ? Math.min(100, Math.round((loaded / total) * 100)) : 0 }),
      );
      setState({ phase: 'done' });
      onUploaded(form.uploadId);
    } catch (error) {
      setState({ phase: 'error', message: errorText(error) });
    }
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  };

  const busy = state.phase === 'uploading';
  const verdict =
    sentUploadId && (state.phase === 'done' || state.phase === 'idle')
      ? uploadVerdict(sentUploadId, summary)
      : undefined;
  return (
    <fieldset
      className={`dropzone${dragging ? ' dropzone-active' : ''}`}
      data-testid={`upload-${docType}`}
      onDragOver={(e) => {
        e.preventDefault();
        if (!busy) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={busy ? (e) => e.preventDefault() : onDrop}
    >
      <legend className="visually-hidden">{t('uploadFor', { doc: label })}</legend>
      <input
        ref={inputRef}
        id={id}
        type="file"
        className="visually-hidden"
        accept={[
          ...rule.contentTypes,
          ...(rule.contentTypes.includes('image/jpeg') ? ['.jpg', '.jpeg'] : []),
        ].join(',')}
        data-testid={`upload-input-${docType}`}
        aria-label={t('uploadFor', { doc: label })}
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void upload(file);
        }}
      />
      {!busy && (
        <p className="dropzone-text">
          <span aria-hidden="true" className="dropzone-icon">
            ⤒
          </span>{' '}
          {t('dropHere')}{' '}
          <button
            type="button"
            className="button button-small"
            data-testid={`upload-button-${docType}`}
            onClick={() => inputRef.current?.click()}
            aria-label={t('uploadFor', { doc: label })}
          >
            {replacing ? t('replaceFile') : t('chooseFile')}
          </button>
        </p>
      )}
      {busy && (
        <div className="progress-wrap">
          <progress
            max={100}
            value={state.pct}
            aria-label={`${t('uploadProgress')}: ${label}`}
            data-testid={`upload-progress-${docType}`}
          />
          <span aria-live="polite">{t('uploading', { pct: state.pct })}</span>
        </div>
      )}
      <p
        className="dropzone-status"
        aria-live="polite"
        data-testid={`upload-status-${docType}`}
        data-verdict={verdict?.kind}
      >
        {verdict?.kind === 'checking' && t('checking')}
        {verdict?.kind === 'accepted' && <span className="text-success">{t('uploadAccepted')}</span>}
        {verdict?.kind === 'refused' && (
          <span className="text-danger">
            {t('uploadRefused')}
            {verdict.reasons.map((f) => pick(f.messageZh, f.message)).join(' ')}
          </span>
        )}
        {state.phase === 'error' && (
          <span className="text-danger" role="alert">
            {state.message}
          </span>
        )}
      </p>
    </fieldset>
  );
}
