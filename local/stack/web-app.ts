import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { consoleDocument } from '../../infra/console-files.ts';

/**
 * The web server: the console (with the CloudFront response-headers policy's headers, or in China
 * the policy in the page, and config.json), the dev issuers' sign-in pages, and the mailbox.
 */
export function webApp(options: {
  consoleDir: string | undefined;
  /** The CloudFront response-headers policy's headers, on every console response. */
  consoleHeaders: Record<string, string>;
  /** China: the Content-Security-Policy a deploy writes into index.html (infra/console-files.ts). */
  consoleContentSecurityPolicy: string | undefined;
  consoleConfig: Record<string, string>;
  issuerApps: Record<string, Hono>;
  mailbox: Hono;
}): Hono {
  const app = new Hono();
  for (const [path, issuerApp] of Object.entries(options.issuerApps)) app.route(path, issuerApp);
  app.route('/mailbox', options.mailbox);
  const console = new Hono();
  console.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(options.consoleHeaders)) c.res.headers.set(name, value);
  });
  console.get('/config.json', (c) => c.json(options.consoleConfig));
  const root = options.consoleDir;
  if (root && existsSync(join(root, 'index.html'))) {
    // The page as a deploy uploads it; served here, not by serveStatic, which would send the file.
    const index = consoleDocument(
      readFileSync(join(root, 'index.html'), 'utf8'),
      options.consoleContentSecurityPolicy,
    );
    for (const path of ['/', '/index.html']) console.get(path, (c) => c.html(index));
    // serveStatic resolves its root against the working directory.
    console.use('/*', serveStatic({ root: relative(process.cwd(), root) }));
    console.get('*', (c) => c.html(index)); // the console routes on the client
  } else {
    console.get('/', (c) => c.text('The console is not built: run npm run build:console', 503));
  }
  app.route('/', console);
  return app;
}
