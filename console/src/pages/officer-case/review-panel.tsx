import { Fragment, useState } from 'react';
import type { DocumentType } from '../../../../functions/domain/document-types.ts';
import { api, type OfficerCaseView, type OfficerDocument, type ReviewBody } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { useI18n } from '../../i18n.ts';
import { OTHER_REASON, REASON_TEMPLATES, reasonFor } from '../../review-reasons.ts';
import { ActionButton } from './action-button.tsx';
import { DocumentItem, LinksNote } from './documents.tsx';
import { REASON_LANGUAGES, type ReasonText, RejectCase } from './reject-case.tsx';

/** The officer's call on one document: approve, or reject with a template reason or their own. */
interface DocDecision extends ReasonText {
  decision?: 'approve' | 'reject';
  /** A REASON_TEMPLATES code, or OTHER_REASON for the typed text. */
  reason: string;
}

const UNDECIDED: DocDecision = { reason: REASON_TEMPLATES[0]?.code ?? OTHER_REASON, zh: '', en: '' };

/** Document review: a decision on every required document, then approve all or return the rejected. */
export function ReviewPanel({ view }: { view: OfficerCaseView }) {
  const { t, pick } = useI18n();
  const docs = view.documents.filter((d) => d.required);
  const round = view.reviewRound;
  // A later round starts from the previous one: what was approved and not uploaded again stays approved.
  const [decisions, setDecisions] = useState<Partial<Record<DocumentType, DocDecision>>>(() =>
    Object.fromEntries((round?.carriedForward ?? []).map((d) => [d, { ...UNDECIDED, decision: 'approve' }])),
  );
  const get = (d: DocumentType): DocDecision => decisions[d] ?? UNDECIDED;
  const set = (d: DocumentType, patch: Partial<DocDecision>) =>
    setDecisions((prev) => ({ ...prev, [d]: { ...get(d), ...patch } }));
  const approveUndecided = () =>
    setDecisions((prev) => {
      const next = { ...prev };
      for (const doc of docs)
        if (!next[doc.docType]?.decision) next[doc.docType] = { ...get(doc.docType), decision: 'approve' };
      return next;
    });

  const undecided = docs.filter((d) => !get(d.docType).decision).length;
  const rejected = docs.flatMap((d) => {
    const decision = get(d.docType);
    return decision.decision === 'reject'
      ? [{ docType: d.docType, reason: reasonFor(decision.reason, decision) }]
      : [];
  });
  const returned = rejected.flatMap(({ docType, reason }) => (reason ? [{ docType, reason }] : []));
  const reasonsComplete = returned.length === rejected.length;

  const body: ReviewBody =
    rejected.length > 0 ? { decision: 'RETURN', documents: returned } : { decision: 'APPROVE' };

  return (
    <Card id="review" title={t('reviewTitle')} testId="review-panel" className="card card-action">
      <p className="muted">{t('reviewIntro')}</p>
      {round && round.round > 1 && (
        <p className="alert alert-info" data-testid="review-round">
          {pick(
            `第 ${round.round} 轮审核：上一轮已通过且未重新上传的 ${round.carriedForward.length} 份材料保持通过，只需审核重新上传的 ${round.changed.length} 份。`,
            `Review round ${round.round}: the ${round.carriedForward.length} documents approved in round ${round.round - 1} and not uploaded again stay approved; decide the ${round.changed.length} uploaded again.`,
          )}
        </p>
      )}
      <LinksNote view={view} onRefresh={() => window.location.reload()} />
      <ul className="checklist">
        {docs.map((doc) => (
          <ReviewItem
            key={doc.docType}
            doc={doc}
            previousRound={
              round && round.round > 1
                ? round.carriedForward.includes(doc.docType)
                  ? { carried: round.round - 1 }
                  : { changed: true }
                : undefined
            }
            value={get(doc.docType)}
            onChange={(p) => set(doc.docType, p)}
          />
        ))}
      </ul>
      <div className="form-actions sticky-actions">
        {undecided > 0 && (
          <>
            <span className="muted" data-testid="review-undecided">
              {t('reviewUndecided', { n: undecided })}
            </span>
            <button
              type="button"
              className="button"
              data-testid="review-approve-all"
              onClick={approveUndecided}
            >
              ✓ {t('approveDoc')} ({undecided})
            </button>
          </>
        )}
        <ActionButton
          testId="review-submit"
          className={`button ${rejected.length ? 'button-warning' : 'button-primary'}`}
          disabled={undecided > 0 || !reasonsComplete}
          post={() => api.review(view.case.caseId, body)}
        >
          {rejected.length ? t('submitReviewReturn', { n: rejected.length }) : t('submitReviewApprove')}
        </ActionButton>
      </div>
      <RejectCase
        summary={t('rejectCase')}
        testId="review-reject-case"
        reject={(reason) => api.review(view.case.caseId, { decision: 'REJECT', reason })}
      />
    </Card>
  );
}

const CHOICES = [
  { decision: 'approve', mark: '✓', label: 'approveDoc' },
  { decision: 'reject', mark: '✕', label: 'rejectDoc' },
] as const;

/** One required document with the approve/reject toggle and, when rejected, the reason. */
function ReviewItem({
  doc,
  value,
  onChange,
  previousRound,
}: {
  doc: OfficerDocument;
  value: DocDecision;
  onChange: (patch: Partial<DocDecision>) => void;
  /** In a later round: approved in round `carried` and unchanged, or uploaded again since. */
  previousRound?: { carried: number } | { changed: true };
}) {
  const { t, pick } = useI18n();
  const d = doc.docType;
  const changed = !!previousRound && 'changed' in previousRound;
  return (
    <DocumentItem
      doc={doc}
      className={`checklist-item review-item review-${value.decision ?? 'open'}${changed ? ' review-changed' : ''}`}
    >
      {previousRound && (
        <p className="small" data-testid={`review-round-note-${d}`} data-changed={changed ? 'true' : 'false'}>
          {'carried' in previousRound ? (
            <span className="badge badge-success">
              ✓ {pick(`第 ${previousRound.carried} 轮已通过`, `Approved in round ${previousRound.carried}`)}
            </span>
          ) : (
            <span className="badge badge-action">
              ! {pick('已重新上传，请审核', 'Uploaded again: decide this one')}
            </span>
          )}
        </p>
      )}
      <fieldset className="decision">
        <legend className="visually-hidden">{pick(doc.labelZh, doc.labelEn)}</legend>
        {CHOICES.map(({ decision, mark, label }) => (
          <label
            key={decision}
            className={`toggle toggle-${decision}${value.decision === decision ? ' on' : ''}`}
          >
            <input
              type="radio"
              name={`review-${d}`}
              checked={value.decision === decision}
              data-testid={`review-${decision}-${d}`}
              onChange={() => onChange({ decision })}
            />
            {mark} {t(label)}
          </label>
        ))}
      </fieldset>
      {value.decision === 'reject' && (
        <div className="reason-box">
          <label htmlFor={`reason-${d}`}>{t('reasonTemplate')}</label>
          <select
            id={`reason-${d}`}
            value={value.reason}
            data-testid={`review-reason-${d}`}
            onChange={(e) => onChange({ reason: e.target.value })}
          >
            {REASON_TEMPLATES.map((r) => (
              <option key={r.code} value={r.code}>
                {r.labelZh} / {r.labelEn}
              </option>
            ))}
            <option value={OTHER_REASON}>{t('reasonOther')}</option>
          </select>
          {value.reason === OTHER_REASON &&
            REASON_LANGUAGES.map(({ key, lang, label }) => (
              <Fragment key={key}>
                <label htmlFor={`reason-${key}-${d}`}>{t(label)}</label>
                <textarea
                  id={`reason-${key}-${d}`}
                  rows={2}
                  lang={lang}
                  value={value[key]}
                  data-testid={`review-reason-${key}-${d}`}
                  onChange={(e) => onChange({ [key]: e.target.value })}
                />
              </Fragment>
            ))}
        </div>
      )}
    </DocumentItem>
  );
}
