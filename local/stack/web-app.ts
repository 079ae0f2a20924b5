import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Context, Hono } from 'hono';
import { consoleDocument } from '../../infra/console-files.ts';
import { type AssemblyPathHeaders, headersForPath } from './assembly/response-headers.ts';
import { consoleResponse, consoleStatic } from './console-static.ts';

/**
 * The web server: the console (with the CloudFront response-headers policy's headers, or in China
 * the policy in the page, and config.json), the dev issuers' sign-in pages, and the mailbox.
 */
export function webApp(options: {
  consoleDir: string | undefined;
  /** The CloudFront response-headers policy's headers, on every console response. */
  consoleHeaders: Record<string, string>;
  /** The headers of the distribution's other behaviors (the hashed assets), by path pattern. */
  consolePathHeaders?: AssemblyPathHeaders[];
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
    const headers = headersForPath(c.req.path, options.consoleHeaders, options.consolePathHeaders ?? []);
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
  console.get('/config.json', (c) => c.json(options.consoleConfig));
  const root = options.consoleDir;
  if (root && existsSync(join(root, 'index.html'))) {
    // The page as a deploy uploads it; served here, not by serveStatic, which would send the file.
    const index = Buffer.from(
      consoleDocument(readFileSync(join(root, 'index.html'), 'utf8'), options.consoleContentSecurityPolicy),
    );
    const page = (c: Context) =>
      consoleResponse(c, '/index.html', index, 'text/html; charset=utf-8', 'index.html');
    const files = consoleStatic(root);
    for (const path of ['/', '/index.html']) console.get(path, page);
    console.get('*', (c) => files(c) ?? page(c)); // the console routes on the client
  } else {
    console.get('/', (c) => c.text('The console is not built: run npm run build:console', 503));
  }
  app.route('/', console);
  return app;
}
