/**
 * What pdf.js needs from its host before it loads, given here so that it runs in a Lambda bundle:
 * - `DOMMatrix`: pdf.js builds one when its module loads and takes it from `@napi-rs/canvas` in
 *   Node, a native package that no bundle carries and the Lambda runtime lacks (the synthesized
 *   on-upload asset failed at init with "DOMMatrix is not defined"). We never render, so the
 *   geometry-only shim `@thednp/dommatrix` is enough.
 * - its worker: in Node, pdf.js imports `./pdf.worker.mjs` next to itself at run time, which is not
 *   in a bundle; registering the worker module as `globalThis.pdfjsWorker` makes pdf.js use it
 *   in-process and lets esbuild bundle it (about 1.2 MB minified, see on-upload's bundle budget).
 * Imported before pdf.js (ES modules evaluate in import order).
 */
import CSSMatrix from '@thednp/dommatrix';
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

const host = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
host.DOMMatrix ??= CSSMatrix;
host.pdfjsWorker ??= pdfjsWorker;
