import { api, type OutboxEmailView } from '../../api.ts';
import { Card } from '../../components/card.tsx';
import { formatChinaDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { EMAIL_TEMPLATE_LABELS, labelOf } from '../../labels.ts';
import { ActionButton } from './action-button.tsx';

const TONE = { QUEUED: 'info', SENDING: 'action', SENT: 'success', FAILED: 'danger' } as const;

/**
 * The case's emails from its outbox: queued (or being sent), sent, or failed for good with the
 * relay's reason, and "send again" for any of them (the API audits who asked). An email that waits
 * is retried on its own for a day; the panel is where an officer sees that an applicant was not told.
 */
export function EmailsPanel({ caseId, items }: { caseId: string; items: OutboxEmailView[] }) {
  const { t, lang } = useI18n();
  const when = (at: string) => formatChinaDateTime(at, lang);
  return (
    <Card id="emails" title={t('emailsTitle')} testId="emails-panel">
      {items.length === 0 && <p className="muted">{t('emailsEmpty')}</p>}
      <ul className="email-list" data-testid="emails">
        {items.map((email) => {
          const state = email.sending ? 'SENDING' : email.state;
          const label = {
            QUEUED: t('emailQueued'),
            SENDING: t('emailSending'),
            SENT: t('emailSent'),
            FAILED: t('emailFailed'),
          }[state];
          return (
            <li key={email.emailId} data-testid="email" data-email-id={email.emailId} data-state={state}>
              <div>
                <strong>{labelOf(EMAIL_TEMPLATE_LABELS, email.template, lang)}</strong>{' '}
                <span className={`badge badge-${TONE[state]}`}>{label}</span>
              </div>
              <div className="muted small">
                {email.to} · {t('emailAttempts', { n: String(email.attempts) })}
                {email.sentAt && state === 'SENT' && <> · {t('emailSentAt', { at: when(email.sentAt) })}</>}
                {email.nextAttemptAt && state === 'QUEUED' && (
                  <> · {t('emailNextAttempt', { at: when(email.nextAttemptAt) })}</>
                )}
              </div>
              {email.lastError && state !== 'SENT' && (
                <div className="small" data-testid="email-error">
                  {t('emailLastError', { reason: email.lastError })}
                </div>
              )}
              {state !== 'SENDING' && (
                <ActionButton
                  testId="email-resend"
                  className="button button-small"
                  kind="record"
                  {...(state === 'SENT' ? { confirm: t('emailResendConfirm') } : {})}
                  post={() => api.resendEmail(caseId, email.emailId)}
                >
                  {t('emailResend')}
                </ActionButton>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
