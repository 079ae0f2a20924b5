/**
 * The local web server serves the built console as CloudFront does from the synthesized template:
 * the hashed assets immutable for a year, the page revalidated, both with the template's security
 * headers, and compressed (brotli or gzip, by Accept-Encoding) from 1,000 bytes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CloudAssembly, loadCloudAssembly } from '#stack/assembly/cloud-assembly';
import { cachedAssemblyDir } from '#stack/assembly/synthesize';
import { webApp } from '#stack/web-app';

const SCRIPT = `export const words = ${JSON.stringify('备案 ICP filing '.repeat(400))};\n`;

function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'icp-console-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8" /><title>ICP</title></head><body><div id="root"></div><script type="module" src="./assets/index-AbCd1234.js"></script></body></html>`,
  );
  writeFileSync(join(dir, 'assets', 'index-AbCd1234.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'tiny-AbCd1234.js'), 'export{};\n');
  return dir;
}

function serverFor(assembly: CloudAssembly, consoleDir: string): Hono {
  return webApp({
    consoleDir,
    consoleHeaders: assembly.consoleHeaders,
    consolePathHeaders: assembly.consolePathHeaders,
    consoleContentSecurityPolicy: undefined,
    consoleConfig: { apiUrl: 'http://127.0.0.1:1' },
    issuerApps: {},
    mailbox: new Hono(),
  });
}

describe('the local web server, with the global template’s CloudFront behaviors', () => {
  let assembly: CloudAssembly;
  let app: Hono;
  beforeAll(() => {
    assembly = loadCloudAssembly(cachedAssemblyDir('aws'));
    app = serverFor(assembly, builtConsole());
  });

  const get = (path: string, acceptEncoding?: string) =>
    app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends a hashed asset immutable for a year, brotli-compressed when the browser takes brotli', async () => {
    const response = await get('/assets/index-AbCd1234.js', 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
    expect(brotliDecompressSync(body).toString('utf8')).toBe(SCRIPT);
  });

  it('sends gzip to a browser that takes gzip only, and the plain file to one that takes neither', async () => {
    const gzip = await get('/assets/index-AbCd1234.js', 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString('utf8')).toBe(SCRIPT);
    const plain = await get('/assets/index-AbCd1234.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
  });

  it('leaves a file under 1,000 bytes uncompressed, as CloudFront does', async () => {
    const response = await get('/assets/tiny-AbCd1234.js', 'br, gzip');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends the page, a client route and config.json as no-cache', async () => {
    for (const path of ['/', '/index.html', '/cases/C-1', '/config.json']) {
      expect((await get(path, 'br')).headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('sends the template’s security headers, CSP included, on the page and the assets alike', async () => {
    const page = await get('/', 'br');
    const asset = await get('/assets/index-AbCd1234.js', 'br');
    const csp = page.headers.get('content-security-policy');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toBe(assembly.consoleHeaders['content-security-policy']);
    for (const name of [
      'content-security-policy',
      'strict-transport-security',
      'x-frame-options',
      'x-content-type-options',
    ]) {
      expect(asset.headers.get(name), name).toBe(page.headers.get(name));
    }
  });

  it('serves nothing outside the built console', async () => {
    const response = await get('/assets/..%2f..%2fetc%2fpasswd');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<div id="root">');
  });
});
