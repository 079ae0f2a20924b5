/**
 * The body of an email as blocks, and each block as plain text and as HTML: what every template
 * (./templates.ts, ./bureau-templates.ts) writes and renderEmail turns into the two parts.
 */

/** A block of the body: a paragraph, a bullet list, or preformatted text (the footer snippet). */
export type Block = { p: string } | { list: string[] } | { pre: string };

/** One language's subject and body. */
export interface Localised {
  subject: string;
  blocks: Block[];
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const blockText = (b: Block): string =>
  'p' in b ? b.p : 'list' in b ? b.list.map((item) => `- ${item}`).join('\n') : b.pre;

/** A web address in a paragraph, up to a space or the punctuation that ends a sentence around it. */
const WEB_ADDRESS = /https?:\/\/[^\s<>"，。；）]*[^\s<>"，。；）.,;:)]/g;

/** A paragraph with its web addresses as links, so the HTML part's links can be clicked. */
const paragraphHtml = (text: string): string =>
  escapeHtml(text).replace(WEB_ADDRESS, (address) => `<a href="${address}">${address}</a>`);

export const blockHtml = (b: Block): string =>
  'p' in b
    ? `<p>${paragraphHtml(b.p)}</p>`
    : 'list' in b
      ? `<ul>${b.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
      : `<pre style="background:#f4f4f4;padding:8px;white-space:pre-wrap">${escapeHtml(b.pre)}</pre>`;
