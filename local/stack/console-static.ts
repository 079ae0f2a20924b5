/**
 * The built console's files as CloudFront serves them from the console bucket: each with its type,
 * the Cache-Control the deploy's sync gives it (the hashed assets for a year, immutable; the rest
 * revalidated: infra/constructs/console-hosting.ts), and compressed as CloudFront compresses,
 * brotli or gzip by the browser's Accept-Encoding, for text types from 1,000 bytes
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/ServingCompressedFiles.html).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { cacheControlFor } from '../../infra/constructs/console-hosting.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** What CloudFront compresses: text, by type, between 1,000 bytes and 10 MB. */
const compressible = (type: string, size: number) =>
  /^(text\/|application\/json|image\/svg\+xml)/.test(type) && size >= 1000 && size <= 10_000_000;

export type Encoding = 'br' | 'gzip';

/** The encoding CloudFront picks: brotli when the browser takes it, else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => (name ?? '').trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/**
 * Compresses as an edge does, on the fly: brotli quality 5 and gzip level 6 take milliseconds (the
 * top levels, 11 and 9, took a second for the main chunk on a busy machine, which a phone on the
 * first visit waited for) for a few per cent more bytes.
 */
export const compress = (encoding: Encoding, body: Buffer): Buffer =>
  encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(body, { level: 6 });

/** Compressed bodies by encoding and name: the built files never change while the stack runs. */
const compressedCache = new Map<string, Buffer>();

/**
 * A console response for `body` at `path` (the same for a file and for the generated index.html):
 * its type, Cache-Control, and the body compressed when CloudFront would compress it. `name` keys
 * the compressed copy (the file's path, with its modification time).
 */
export function consoleResponse(
  c: Context,
  path: string,
  body: Buffer,
  type: string,
  name: string,
): Response {
  const headers = new Headers({ 'content-type': type, 'cache-control': cacheControlFor(path) });
  if (!compressible(type, body.length)) return new Response(new Uint8Array(body), { headers });
  headers.set('vary', 'Accept-Encoding');
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  if (!encoding) return new Response(new Uint8Array(body), { headers });
  const key = `${encoding}:${name}`;
  let encoded = compressedCache.get(key);
  if (!encoded) {
    encoded = compress(encoding, body);
    compressedCache.set(key, encoded);
  }
  headers.set('content-encoding', encoding);
  return new Response(new Uint8Array(encoded), { headers });
}

/** Serves the files below `root`; undefined for a path that names no file there (the caller falls back). */
export function consoleStatic(root: string) {
  const base = resolve(root);
  return (c: Context): Response | undefined => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return undefined;
    }
    const file = resolve(base, `.${path}`);
    if (!file.startsWith(base + sep)) return undefined;
    let mtime: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return undefined;
      mtime = stat.mtimeMs;
    } catch {
      return undefined;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    return consoleResponse(c, path, readFileSync(file), type, `${file}@${mtime}`);
  };
}
