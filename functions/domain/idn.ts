/**
 * Internationalised domain names between their Unicode and ASCII (punycode) forms, with the results
 * of Node's url.domainToASCII/domainToUnicode, but without node:url so that the console runs the
 * same code in the browser.
 *
 * To ASCII is the WHATWG URL host parser (UTS 46 mapping, IDNA validation), global in Node and
 * browsers: it is what Node's own functions call, through the same hostname setter. Back to Unicode
 * is the punycode package, imported by file: the bare name `punycode` is Node's deprecated built-in.
 */
import punycode from 'punycode/punycode.js';

/** Sets the host of a ws: URL (a special scheme, as Node does) that starts out with `initial`. */
function setHostname(initial: string, domain: string): string {
  const url = new URL(`ws://${initial}/`);
  url.hostname = domain;
  return url.hostname;
}

/** The host name in ASCII, lower case; '' when it is not a valid host name. */
export function domainToASCII(domain: string): string {
  // A refused host leaves the URL as it was, silently; a second start tells "refused" from a name that is "a".
  const host = setHostname('a', domain);
  return host !== 'a' || setHostname('b', domain) === 'a' ? host : '';
}

/** The host name in Unicode (xn-- labels decoded), lower case; '' when it is not a valid host name. */
export function domainToUnicode(domain: string): string {
  return domainToASCII(domain)
    .split('.')
    .map((label) => (label.startsWith('xn--') ? decodeLabel(label) : label))
    .join('.');
}

/** Decodes one xn-- label; one the decoder refuses stays as it is, as in Node. */
function decodeLabel(label: string): string {
  // In xn---bba the hyphen ends zero basic code points for the URL parser, which accepted the name;
  // punycode.js follows RFC 3492 to the letter and would read that hyphen as a digit and refuse it.
  const encoded = label.lastIndexOf('-') === 4 ? label.slice(5) : label.slice(4);
  try {
    return punycode.decode(encoded);
  } catch {
    return label;
  }
}
