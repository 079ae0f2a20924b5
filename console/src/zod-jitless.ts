/**
 * The console runs under the deployed Content-Security-Policy, whose script-src has no
 * 'unsafe-eval'. Left alone, zod probes `new Function('')` when the first object schema is built,
 * which the browser refuses and reports as a CSP violation on every page load. This module is
 * imported first in main.tsx, before any schema exists, so zod never tries.
 *
 * It sets zod's global configuration object before zod loads, rather than calling `z.config`:
 * importing zod here would put all of zod in the first chunk every visitor downloads, when only the
 * lazily loaded pages build schemas. zod adopts an existing `globalThis.__zod_globalConfig`
 * (zod/v4/core/core.js); test/console/zod-jitless.test.ts checks that it still does.
 */
const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
scope.__zod_globalConfig = { ...scope.__zod_globalConfig, jitless: true };
