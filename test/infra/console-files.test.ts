import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_CONFIG_OUTPUT,
  CONSOLE_CSP_OUTPUT,
  consoleDocument,
  outputsFrom,
  writeConsoleFiles,
} from '../../infra/console-files.ts';

const INDEX = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <script type="module" src="./assets/index.js"></script>
  </head>
</html>`;

const CSP = "default-src 'self'; connect-src 'self' https://api.example.cn";

describe('the console page a China deploy uploads', () => {
  it('carries the policy right after the charset, before any script', () => {
    const page = consoleDocument(INDEX, CSP);
    const meta = page.indexOf(`<meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    expect(meta).toBeGreaterThan(page.indexOf('<meta charset'));
    expect(meta).toBeLessThan(page.indexOf('<script'));
  });

  it('escapes the policy for the attribute and replaces an earlier one when written again', () => {
    const page = consoleDocument(consoleDocument(INDEX, 'old'), `${CSP} "x" <y>`);
    expect(page.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(1);
    expect(page).toContain('&quot;x&quot; &lt;y&gt;');
    expect(page).not.toContain('content="old"');
  });

  it('leaves the page as it is without a policy (global regions send it as a header)', () => {
    expect(consoleDocument(INDEX, undefined)).toBe(INDEX);
  });

  it('refuses a page without a charset, where it could not place the policy first', () => {
    expect(() => consoleDocument('<html><head></head></html>', CSP)).toThrow(/charset/);
  });
});

describe('npm run console:files', () => {
  it('writes config.json and the page from the stack outputs as describe-stacks prints them', () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-files-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    const outputs = outputsFrom([
      { OutputKey: CONSOLE_CONFIG_OUTPUT, OutputValue: '{"apiUrl":"https://api.example.cn"}' },
      { OutputKey: CONSOLE_CSP_OUTPUT, OutputValue: CSP },
    ]);
    writeConsoleFiles(dist, outputs);
    expect(JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8'))).toEqual({
      apiUrl: 'https://api.example.cn',
    });
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain(CSP);
  });

  it('refuses outputs without the console config (another stack’s outputs)', () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-files-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    expect(() => writeConsoleFiles(dist, { Other: 'x' })).toThrow(/ConsoleConfig/);
  });
});
