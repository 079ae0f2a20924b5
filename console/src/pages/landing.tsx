import type { Realm } from '../auth.ts';
import { config } from '../config.ts';
import { useI18n } from '../i18n.ts';
import { href } from '../router.ts';

/** What a visitor sees before signing in. */
export function LandingPage({ onSignIn }: { onSignIn: (realm?: Realm) => void }) {
  const { t } = useI18n();
  return (
    <section className="landing" aria-labelledby="landing-title">
      <h1 id="landing-title">{t('landingTitle')}</h1>
      <p className="lead">{t('landingText')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-primary button-large"
          data-testid="sign-in"
          onClick={() => onSignIn('applicant')}
        >
          {t('signIn')}
        </button>
        {config().staffIssuer && (
          <button
            type="button"
            className="button button-large"
            data-testid="sign-in-staff"
            onClick={() => onSignIn('staff')}
          >
            {t('signInStaff')}
          </button>
        )}
        <a className="button button-large" href={href('/help')} data-testid="landing-help">
          {t('landingHelp')}
        </a>
      </div>
    </section>
  );
}
