// Before anything that builds a zod schema (the domain modules).
import './zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadConfig } from './config.ts';
import { initialLang } from './i18n.ts';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
document.documentElement.lang = initialLang() === 'zh' ? 'zh-CN' : 'en';

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
