import type { ErrorBody } from '../../../functions/domain/errors.ts';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { href } from '../router.ts';

/** The message of an API error (or any error) in the current language. */
export function useErrorText() {
  const { pick } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) return pick(error.messageZh, error.message);
    if (error && typeof error === 'object' && 'messageZh' in error && 'message' in error) {
      const body = error as ErrorBody;
      return pick(body.messageZh, body.message);
    }
    return error instanceof Error ? error.message : String(error);
  };
}

/** An alert box for a failed request, with every issue when the API sent several. */
export function ErrorMessage({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  const text = useErrorText();
  const { pick } = useI18n();
  if (!error) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  // An error about one of the applicant's cases (the open case blocking a new one) links to it.
  const caseId = error instanceof ApiError ? error.caseId : undefined;
  return (
    <div className="alert alert-danger" role="alert" data-testid={testId}>
      <p>{text(error)}</p>
      {caseId && (
        <p>
          <a href={href(`/cases/${caseId}`)} data-testid="error-case-link">
            {pick(`查看案件 ${caseId}`, `Open case ${caseId}`)}
          </a>
        </p>
      )}
      {issues.length > 1 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.field}:${issue.code}:${issue.message}`}>{text(issue)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
