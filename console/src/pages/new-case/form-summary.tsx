import type { ErrorBody } from '../../../../functions/domain/errors.ts';
import { ApiError } from '../../api.ts';
import { ErrorMessage, useErrorText } from '../../components/error-message.tsx';
import type { FieldErrors } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';
import { fieldLabel } from './field-labels.ts';

const issuesOf = (errors: FieldErrors) =>
  Object.entries(errors).flatMap(([field, list]) => list.map((e) => ({ ...e, field })));

/** Moves focus to the control of a field path (or the first control of a list's items). */
function focusField(field: string) {
  const el =
    document.querySelector<HTMLElement>(`[data-testid="field-${CSS.escape(field)}"]`) ??
    document.querySelector<HTMLElement>(`[data-testid^="field-${CSS.escape(field.replace(/\.\d+$/, ''))}"]`);
  el?.focus();
}

/** One problem: the field's name, then the message in the current language. */
function IssueText({ issue }: { issue: ErrorBody }) {
  const { t, pick } = useI18n();
  return (
    <>
      {issue.field && <strong>{fieldLabel(issue.field, t)}：</strong>}
      {pick(issue.messageZh, issue.message)}
    </>
  );
}

/**
 * Above the form: after a submit, every problem linked to its field; the overridable findings the
 * draft will be saved with; and why the server refused it (not eligible, or another failure).
 */
export function FormSummary({
  showAll,
  errors,
  overrides,
  failure,
}: {
  showAll: boolean;
  errors: FieldErrors;
  overrides: FieldErrors;
  failure: unknown;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const allIssues = issuesOf(errors);
  const overrideIssues = issuesOf(overrides);
  return (
    <>
      {showAll && allIssues.length > 0 && (
        <div className="alert alert-danger" role="alert" data-testid="form-errors">
          <p>{t('formHasErrors', { n: allIssues.length })}</p>
          <ul>
            {allIssues.map((e) => (
              <li key={`${e.field}:${e.code}:${e.message}`}>
                <a
                  href={`#field-${e.field}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    focusField(e.field);
                  }}
                >
                  <IssueText issue={e} />
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {overrideIssues.length > 0 && (
        <div className="alert alert-warning" role="status" data-testid="form-overrides">
          <p>{t('overridesNotice')}</p>
          <ul>
            {overrideIssues.map((e) => (
              <li key={`${e.field}:${e.code}`}>
                <IssueText issue={e} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure instanceof ApiError && failure.status === 422 ? (
        <div className="alert alert-danger" role="alert" data-testid="not-eligible">
          <p>{t('notEligible')}</p>
          <ul>
            {(failure.issues.length ? failure.issues : [failure]).map((issue) => (
              <li key={`${issue.field}:${issue.code}:${issue.message}`}>{errorText(issue)}</li>
            ))}
          </ul>
        </div>
      ) : failure instanceof ApiError && failure.status === 400 ? null : (
        <ErrorMessage error={failure} testId="form-failure" />
      )}
    </>
  );
}
