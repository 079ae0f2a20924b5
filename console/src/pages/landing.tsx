import type { Realm } from '../auth.ts';
import { config } from '../config.ts';
import { type MessageKey, useI18n } from '../i18n.ts';
import { href } from '../router.ts';

/** The sign-in buttons: applicants', and staff's where a staff issuer is configured. */
const SIGN_IN: Array<{ realm: Realm; testId: string; label: MessageKey; className: string }> = [
  { realm: 'applicant', testId: 'sign-in', label: 'signIn', className: 'button button-primary button-large' },
  { realm: 'staff', testId: 'sign-in-staff', label: 'signInStaff', className: 'button button-large' },
];

/** What a visitor sees before signing in. */
export function LandingPage({ onSignIn }: { onSignIn: (realm?: Realm) => void }) {
  const { t } = useI18n();
  return (
    <section className="landing" aria-labelledby="landing-title">
      <h1 id="landing-title">{t('landingTitle')}</h1>
      <p className="lead">{t('landingText')}</p>
      <div className="actions">
        {SIGN_IN.filter(({ realm }) => realm === 'applicant' || config().staffIssuer).map((b) => (
          <button
            key={b.realm}
            type="button"
            className={b.className}
            data-testid={b.testId}
            onClick={() => onSignIn(b.realm)}
          >
            {t(b.label)}
          </button>
        ))}
        <a className="button button-large" href={href('/help')} data-testid="landing-help">
          {t('landingHelp')}
        </a>
      </div>
    </section>
  );
}
