import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The console builds to static files (console/dist). Its settings are read at run time from
 * /config.json beside index.html, so one build serves every environment. The domain modules are
 * imported as they are, with no aliases or shims: they use no Node built-ins
 * (test/unit/platform-neutral-domain.test.ts keeps it so).
 */
export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // zod ships explanatory comments next to its pure annotations; Rollup notes them harmlessly.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
      output: {
        // pdf.js's worker ships as .mjs; emitted as .js, every static host (S3 from `aws s3 sync`
        // included) serves it as JavaScript, which a module worker requires.
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith('.mjs'))
            ? 'assets/[name]-[hash].js'
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: { host: '127.0.0.1' },
});
