import { useEffect, useRef, useState } from 'react';
import { completeSignIn } from '../auth.ts';
import { useI18n } from '../i18n.ts';

/** True when the issuer sent the browser back here with ?code=… or ?error=… */
export const isSignInCallback = (): boolean => {
  const params = new URLSearchParams(window.location.search);
  return params.has('code') || params.has('error');
};

/** Exchanges the authorization code for tokens, then continues to the page the user came from. */
export function SignInCallback({ onSignedIn }: { onSignedIn: (returnTo: string) => void }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn().then(
      (result) => onSignedIn(result?.returnTo ?? ''),
      () => setFailed(true),
    );
  }, [onSignedIn]);
  if (failed) {
    return (
      <div className="alert alert-danger" role="alert" data-testid="sign-in-failed">
        <p>{t('signInFailed')}</p>
        <a className="button" href="./">
          {t('retry')}
        </a>
      </div>
    );
  }
  return (
    <p className="loading" role="status" data-testid="signing-in">
      {t('signingIn')}
    </p>
  );
}
