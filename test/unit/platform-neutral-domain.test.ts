import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The domain (functions/domain) runs unchanged in the Lambdas and in the console's browser bundle,
 * which imports it as it is, with no shims. So no domain module may import a Node built-in, and
 * neither may anything it pulls in from npm.
 */
const ROOT = join(import.meta.dirname, '../..');
const DOMAIN = join(ROOT, 'functions/domain');

const domainFiles = (): string[] =>
  readdirSync(DOMAIN, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(DOMAIN, file));

// Bare names count too: `punycode`, `url` or `fs/promises` are Node's own modules in Node, even
// where a bundler would pick an npm package of the same name.
const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier);

/** Every module specifier in a file: static and dynamic imports, re-exports, require. */
const specifiersOf = (file: string): string[] =>
  ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);

describe('the domain is platform-neutral', () => {
  it('no domain module imports a Node built-in', () => {
    const files = domainFiles();
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) =>
      specifiersOf(file)
        .filter(isNodeBuiltin)
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('recognises the imports it forbids', () => {
    for (const specifier of ['node:net', 'node:url', 'url', 'punycode', 'fs/promises']) {
      expect(isNodeBuiltin(specifier), specifier).toBe(true);
    }
    for (const specifier of ['punycode/punycode.js', 'ipaddr.js', 'tldts-icann', 'zod', './errors.ts']) {
      expect(isNodeBuiltin(specifier), specifier).toBe(false);
    }
    const source = "import { a } from 'node:net';\nexport * from 'url';\nconst b = await import('node:fs');";
    expect(ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName)).toEqual([
      'node:net',
      'url',
      'node:fs',
    ]);
  });

  it('bundles for the browser with its npm dependencies, as the console does', async () => {
    // esbuild cannot resolve a Node built-in for the browser platform, so this also covers packages.
    const entry = domainFiles()
      .map((file, i) => `export * as m${i} from ${JSON.stringify(file)};`)
      .join('\n');
    const result = await build({
      stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
  });
});
