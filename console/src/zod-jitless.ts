import * as z from 'zod';

/**
 * The console runs under the deployed Content-Security-Policy, whose script-src has no
 * 'unsafe-eval'. Left alone, zod probes `new Function('')` when the first object schema is built,
 * which the browser refuses and reports as a CSP violation on every page load. This module is
 * imported first in main.tsx, before any schema exists, so zod never tries.
 */
z.config({ jitless: true });
