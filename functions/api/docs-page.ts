/**
 * `/docs`: a self-contained HTML rendering of the OpenAPI document (no CDN, no script), so the API
 * reference works offline and on the China partition.
 */
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const json = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

/** Renders the API reference page. */
export function renderDocsPage(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const rows = operations
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? [])
        .map((p) => `${escapeHtml(p.name)} (${escapeHtml(p.in)}${p.required ? ', required' : ''})`)
        .join(', ');
      const body = op.requestBody?.content?.['application/json']?.schema;
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><b>${escapeHtml(status)}</b> ${escapeHtml(r.description ?? '')}</li>`)
        .join('');
      return `<section><h3><code>${method} ${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}${op.tags?.length ? ` <small>[${escapeHtml(op.tags.join(', '))}]</small>` : ''}</p>
${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
${params ? `<p>Parameters: ${params}</p>` : ''}
${body ? `<details><summary>Request body</summary>${json(body)}</details>` : ''}
<ul>${responses}</ul></section>`;
    })
    .join('\n');
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, schema]) =>
        `<details id="${escapeHtml(name)}"><summary>${escapeHtml(name)}</summary>${json(schema)}</details>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} — API</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
section{border-top:1px solid #ddd;padding:.5rem 0}pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.8rem}
code{font-size:1rem}summary{cursor:pointer}</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
${doc.info.description ? `<p>${escapeHtml(doc.info.description)}</p>` : ''}
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).</p>
<h2>Operations</h2>${rows}<h2>Schemas</h2>${schemas}</body></html>`;
}
