/**
 * The JavaScript a visitor's browser downloads for one console page, read from the built console
 * (console/dist): the entry script of index.html, plus a page's lazily loaded chunk and every chunk
 * that one imports, raw, gzip and brotli (level 11, as CloudFront and the local server send it).
 *
 * Vite names each lazy chunk after its module (`new-case-<hash>.js`), and the built chunks import
 * each other as `from"./x.js"` / `import"./x.js"` (static) and `import("./x.js")` (lazy): a page's
 * downloads are the static closure of its chunk (its lazy imports load later, on demand).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../../local/stack/console-static.ts';

export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

const STATIC_IMPORT = /(?:from|import)\s*"\.\/([^"]+\.js)"/g;

/** The chunk files a chunk needs before it runs (itself included), by its static imports. */
export function staticClosure(assetsDir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(assetsDir, file), 'utf8');
  for (const match of code.matchAll(STATIC_IMPORT)) staticClosure(assetsDir, match[1] as string, seen);
  return seen;
}

export function bytesOf(assetsDir: string, files: Iterable<string>): Bytes {
  const total: Bytes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const content = readFileSync(join(assetsDir, file));
    total.raw += content.length;
    total.gzip += compress('gzip', content).length;
    total.brotli += compress('br', content).length;
  }
  return total;
}

/** The entry script index.html loads. */
export function entryScript(distDir: string): string {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const match = /<script type="module"[^>]*src="\.\/assets\/([^"]+\.js)"/.exec(html);
  if (!match) throw new Error('index.html loads no module script: is the console built?');
  return match[1] as string;
}

/** A lazy chunk by the name of its page module (`new-case` → `new-case-<hash>.js`). */
export function pageChunk(distDir: string, page: string): string {
  const file = readdirSync(join(distDir, 'assets')).find((f) =>
    new RegExp(`^${page}-[\\w-]{8}\\.js$`).test(f),
  );
  if (!file) throw new Error(`No chunk for the page ${page} in ${distDir}/assets`);
  return file;
}

/** The JavaScript of each page: the entry's closure, plus the page chunk's (shared chunks once). */
export function pageBytes(distDir: string, pages: Record<string, string | undefined>): Record<string, Bytes> {
  const assets = join(distDir, 'assets');
  const entry = staticClosure(assets, entryScript(distDir));
  return Object.fromEntries(
    Object.entries(pages).map(([name, page]) => {
      const files = page ? staticClosure(assets, pageChunk(distDir, page), new Set(entry)) : entry;
      return [name, bytesOf(assets, files)];
    }),
  );
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function bytesTable(rows: Record<string, Bytes>): string {
  const lines = ['page                     raw         gzip        brotli'];
  for (const [name, b] of Object.entries(rows)) {
    lines.push(`${name.padEnd(24)} ${kib(b.raw).padEnd(11)} ${kib(b.gzip).padEnd(11)} ${kib(b.brotli)}`);
  }
  return lines.join('\n');
}
