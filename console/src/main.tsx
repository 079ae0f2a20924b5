// Before anything that builds a zod schema (the domain modules).
import './zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadConfig } from './config.ts';
import { initialLang } from './i18n.ts';
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
  loadConfig().then(
    () => root.render(<App />),
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
