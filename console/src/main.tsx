// Before anything that builds a zod schema (the domain modules).
import './zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { fetchEarly } from './api.ts';
import { App } from './app.tsx';
import { currentSession } from './auth.ts';
import { loadConfig } from './config.ts';
import { initialLang } from './i18n.ts';
import { preloadPage } from './lazy-pages.tsx';
import { parseHash } from './router.ts';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
document.documentElement.lang = initialLang() === 'zh' ? 'zh-CN' : 'en';

// The console never runs inside another page's frame (clickjacking). Global regions forbid it by
// header as well; in China the policy can only be in the page, where frame-ancestors is ignored
// (infra/constructs/console-hosting.ts), so this check is what stops it there.
const framed = window.top !== window.self;

if (framed) {
  root.render(
    <main className="page" role="alert" data-testid="framed">
      <h1>控制台不能在其他网页中打开 · The console cannot be opened inside another page</h1>
      <p>
        <a href={window.location.href} target="_top" rel="noopener">
          在新窗口打开 · Open it on its own
        </a>
      </p>
    </main>,
  );
} else {
  // The page's code loads alongside the settings, not after them, and the case page's data alongside
  // its code.
  const route = parseHash(window.location.hash);
  const session = currentSession();
  preloadPage(route, session !== undefined);
  loadConfig().then(
    () => {
      if (route.name === 'case' && session?.roles.includes('applicant')) {
        const caseId = encodeURIComponent(route.params.caseId ?? '');
        fetchEarly(`/cases/${caseId}`);
        fetchEarly(`/cases/${caseId}/timeline`);
      }
      root.render(<App />);
    },
    (error: unknown) => {
      root.render(
        <main className="page" role="alert" data-testid="config-error">
          <h1>控制台配置无法加载 · The console settings could not be loaded</h1>
          <p>{error instanceof Error ? error.message : String(error)}</p>
        </main>,
      );
    },
  );
}
