import { Hono } from 'hono';
import type { MailCapture } from './mail-capture.ts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const page = (title: string, body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#1f2933}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
a{color:#1c5dbf}.muted{color:#616e7c;font-size:.9em}iframe{width:100%;height:70vh;border:1px solid #cbd2d9;border-radius:6px}</style>
</head><body>${body}</body></html>`;

/**
 * The local mailbox: every email the system sent, newest first, readable in the browser (the HTML
 * part in a sandboxed frame, so a message can never run script on this page).
 */
export function mailboxApp(mail: MailCapture, basePath = '/mailbox'): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const to = c.req.query('to')?.toLowerCase();
    const messages = (to ? mail.inbox(to) : mail.messages()).slice().reverse();
    const rows = messages
      .map(
        (m) =>
          `<tr><td class="muted">${escapeHtml(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="${basePath}/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td></tr>`,
      )
      .join('');
    // Said here too, not only in the start's log: a person reading the mailbox would miss a message.
    const damagedNote = mail.damaged.length
      ? `<p class="muted">${mail.damaged.length} damaged file(s) in the mailbox's data directory could not be read and are not shown / 有 ${mail.damaged.length} 个邮件文件已损坏，无法显示: ${escapeHtml(mail.damaged.join(', '))}</p>`
      : '';
    return c.html(
      page(
        '邮箱 Mailbox',
        `<h1>本地邮箱 / Local mailbox</h1><p class="muted">Every email the local stack sent (${messages.length}). Filter: <code>?to=address</code></p>${damagedNote}
<table><thead><tr><th>时间 Time (UTC)</th><th>收件人 To</th><th>主题 Subject</th></tr></thead><tbody>${rows || '<tr><td colspan="3">No mail yet.</td></tr>'}</tbody></table>`,
      ),
    );
  });
  app.get('/:id/html', (c) => {
    const message = mail.messages().find((m) => m.id === c.req.param('id'));
    if (!message) return c.text('Not found', 404);
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return c.html(message.html || `<pre>${escapeHtml(message.text)}</pre>`);
  });
  app.get('/:id', (c) => {
    const message = mail.messages().find((m) => m.id === c.req.param('id'));
    if (!message) return c.html(page('Not found', '<p>No such message.</p>'), 404);
    return c.html(
      page(
        message.subject,
        `<p><a href="${basePath}">← 全部邮件 / All mail</a></p><h1>${escapeHtml(message.subject)}</h1>
<p class="muted">To ${escapeHtml(message.to.join(', '))} · From ${escapeHtml(message.from)} · ${escapeHtml(message.receivedAt)}</p>
<iframe sandbox title="message" src="${basePath}/${encodeURIComponent(message.id)}/html"></iframe>
<details><summary>Plain text</summary><pre style="white-space:pre-wrap">${escapeHtml(message.text)}</pre></details>`,
      ),
    );
  });
  return app;
}
