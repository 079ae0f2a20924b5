/** The shell: language, session, header and navigation, and the page of the current route. */
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { onUnauthorized } from './api.ts';
import { currentSession, lastRealm, type Realm, type Session, signIn, signOut } from './auth.ts';
import { LanguageSwitch } from './components/language-switch.tsx';
import { config } from './config.ts';
import { I18nContext, initialLang, type Lang, saveLang, translator, useI18n } from './i18n.ts';
import {
  ApplicantCasePage,
  ApplicantCasesPage,
  ApplicantFilingsPage,
  HelpPage,
  NewCasePage,
  OfficerCasePage,
  OfficerQueuePage,
  OverrideQueuePage,
  PrintableFormPage,
  StaffCasesPage,
  SupervisorDashboardPage,
} from './lazy-pages.tsx';
import { LandingPage } from './pages/landing.tsx';
import { isSignInCallback, SignInCallback } from './pages/sign-in-callback.tsx';
import { href, navigate, type Route, useRoute } from './router.ts';

const isOfficer = (s: Session | undefined) => !!s?.roles.some((r) => r === 'officer' || r === 'supervisor');
const isSupervisor = (s: Session | undefined) => !!s?.roles.includes('supervisor');
const isApplicant = (s: Session | undefined) => !!s?.roles.includes('applicant');

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session | undefined>(() => currentSession());
  const [callback, setCallback] = useState(isSignInCallback);
  const [expired, setExpired] = useState(false);
  const route = useRoute();

  const i18n = useMemo(
    () => ({
      lang,
      t: translator(lang),
      pick: (zh: string, en: string) => (lang === 'zh' ? zh : en),
      setLang: (next: Lang) => {
        saveLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );

  useEffect(
    () =>
      onUnauthorized(() => {
        setExpired(true);
        setSession(currentSession());
      }),
    [],
  );

  useEffect(() => {
    document.title = `${i18n.t('appName')} · ICP`;
  }, [i18n]);

  const onSignedIn = useCallback((returnTo: string) => {
    const s = currentSession();
    setSession(s);
    setCallback(false);
    setExpired(false);
    navigate(returnTo || (isOfficer(s) ? '/officer' : '/cases'), { replace: true });
  }, []);

  // After an expired session, staff sign in again where they came from.
  const startSignIn = (realm: Realm = lastRealm()) =>
    void signIn(window.location.hash.replace(/^#/, ''), lang === 'zh' ? 'zh-CN' : 'en', realm);
  const t = i18n.t;

  return (
    <I18nContext.Provider value={i18n}>
      <button
        type="button"
        className="skip-link"
        data-testid="skip-link"
        onClick={() => document.getElementById('main')?.focus()}
      >
        {t('skipToContent')}
      </button>
      <header className="site-header">
        <div className="header-inner">
          <a className="brand" href={href('/')} data-testid="brand">
            <span className="brand-mark" aria-hidden="true">
              ICP
            </span>
            <span>{t('appName')}</span>
          </a>
          <nav aria-label={t('mainNav')} className="main-nav">
            {isApplicant(session) && (
              <>
                <a
                  href={href('/cases')}
                  data-testid="nav-cases"
                  aria-current={route.name === 'cases' ? 'page' : undefined}
                >
                  {t('navMyCases')}
                </a>
                <a
                  href={href('/filings')}
                  data-testid="nav-filings"
                  aria-current={route.name === 'filings' ? 'page' : undefined}
                >
                  {i18n.pick('我的备案', 'My filings')}
                </a>
                <a
                  href={href('/cases/new')}
                  data-testid="nav-new-case"
                  aria-current={route.name === 'new-case' ? 'page' : undefined}
                >
                  {t('navNewCase')}
                </a>
              </>
            )}
            {isOfficer(session) && (
              <a
                href={href('/officer')}
                data-testid="nav-queue"
                aria-current={route.name === 'queue' ? 'page' : undefined}
              >
                {t('navQueue')}
              </a>
            )}
            {isOfficer(session) && <StaffNav route={route} supervisor={isSupervisor(session)} />}
            <a
              href={href('/help')}
              data-testid="nav-help"
              aria-current={route.name === 'help' ? 'page' : undefined}
            >
              {t('navHelp')}
            </a>
          </nav>
          <div className="header-tools">
            <LanguageSwitch />
            {session ? (
              <>
                <span className="user" data-testid="user-name" title={session.email}>
                  <span className="visually-hidden">{t('signedInAs')}: </span>
                  {session.name}
                  <span className="user-role">
                    {session.roles.includes('supervisor')
                      ? t('roleSupervisor')
                      : session.roles.includes('officer')
                        ? t('roleOfficer')
                        : t('roleApplicant')}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button-quiet"
                  data-testid="sign-out"
                  onClick={() => void signOut()}
                >
                  {t('signOut')}
                </button>
              </>
            ) : (
              !callback && (
                <button
                  type="button"
                  className="button button-primary button-small"
                  data-testid="sign-in-header"
                  onClick={() => startSignIn()}
                >
                  {t('signIn')}
                </button>
              )
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page">
        {expired && !session && (
          <div className="alert alert-warning" role="alert" data-testid="session-ended">
            <p>{t('sessionEnded')}</p>
            <button type="button" className="button button-primary" onClick={() => startSignIn()}>
              {t('signIn')}
            </button>
          </div>
        )}
        {callback ? (
          <SignInCallback onSignedIn={onSignedIn} />
        ) : (
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            <RoutePage route={route} session={session} onSignIn={startSignIn} />
          </Suspense>
        )}
      </main>
      <footer className="site-footer">
        <span>{t('appName')}</span>
        <a href={href('/help')}>{t('navHelp')}</a>
        {config().mailboxUrl && (
          <a href={config().mailboxUrl} target="_blank" rel="noreferrer" data-testid="mailbox-link">
            Mailbox (local)
          </a>
        )}
      </footer>
    </I18nContext.Provider>
  );
}

function RoutePage({
  route,
  session,
  onSignIn,
}: {
  route: Route;
  session: Session | undefined;
  onSignIn: (realm?: Realm) => void;
}) {
  switch (route.name) {
    case 'help':
      return <HelpPage />;
    case 'home':
      if (session) return <Redirect to={isOfficer(session) ? '/officer' : '/cases'} />;
      return <LandingPage onSignIn={onSignIn} />;
    case 'not-found':
      return <NotFound />;
    default:
      break;
  }
  if (!session) return <LandingPage onSignIn={onSignIn} />;
  switch (route.name) {
    case 'cases':
      return isApplicant(session) ? <ApplicantCasesPage /> : <Forbidden />;
    case 'filings':
      return isApplicant(session) ? <ApplicantFilingsPage /> : <Forbidden />;
    case 'new-case': {
      // A case after the first starts from a registered filing (?from=<number>&kind=<kind>).
      const start = { from: route.query.get('from') ?? '', kind: route.query.get('kind') ?? '' };
      return isApplicant(session) ? (
        <NewCasePage key={`new-${start.from}-${start.kind}`} start={start} />
      ) : (
        <Forbidden />
      );
    }
    case 'case':
      return isApplicant(session) ? (
        <ApplicantCasePage caseId={route.params.caseId as string} />
      ) : (
        <Forbidden />
      );
    case 'edit-case':
      // Keyed by case: the form's state never carries over between a new case and a draft.
      return isApplicant(session) ? (
        <NewCasePage key={route.params.caseId} caseId={route.params.caseId as string} />
      ) : (
        <Forbidden />
      );
    case 'case-form':
      return isApplicant(session) ? (
        <PrintableFormPage caseId={route.params.caseId as string} docType={route.params.docType as string} />
      ) : (
        <Forbidden />
      );
    case 'queue':
      return isOfficer(session) ? <OfficerQueuePage query={route.query} /> : <Forbidden />;
    case 'staff-cases':
      return isOfficer(session) ? <StaffCasesPage query={route.query} /> : <Forbidden />;
    case 'override-queue':
      return isSupervisor(session) ? <OverrideQueuePage /> : <Forbidden />;
    case 'dashboard':
      return isSupervisor(session) ? <SupervisorDashboardPage /> : <Forbidden />;
    case 'officer-case':
      return isOfficer(session) ? (
        <OfficerCasePage
          caseId={route.params.caseId as string}
          supervisor={session.roles.includes('supervisor')}
        />
      ) : (
        <Forbidden />
      );
    default:
      return <NotFound />;
  }
}

/** Staff links beyond the queue: find cases; for supervisors, the override queue and the dashboard. */
function StaffNav({ route, supervisor }: { route: Route; supervisor: boolean }) {
  const { pick } = useI18n();
  const links: Array<[Route['name'], string, string, string]> = [
    ['staff-cases', '/officer/cases', pick('查找案件', 'Find cases'), 'nav-staff-cases'],
    ...(supervisor
      ? ([
          ['override-queue', '/supervisor/overrides', pick('待特批', 'Overrides'), 'nav-overrides'],
          ['dashboard', '/supervisor/dashboard', pick('统计看板', 'Dashboard'), 'nav-dashboard'],
        ] as Array<[Route['name'], string, string, string]>)
      : []),
  ];
  return (
    <>
      {links.map(([name, path, text, testId]) => (
        <a
          key={name}
          href={href(path)}
          data-testid={testId}
          aria-current={route.name === name ? 'page' : undefined}
        >
          {text}
        </a>
      ))}
    </>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <p data-testid="not-found">{t('notFound')}</p>;
}

function Forbidden() {
  const { t } = useI18n();
  return (
    <div className="alert alert-warning" role="alert" data-testid="forbidden">
      {t('forbiddenRole')}
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
