/** Reading a request's headers as single strings (repeated headers joined with commas). */
import type { IncomingHttpHeaders } from 'node:http';

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function singleHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of Object.keys(headers)) out[name] = header(headers, name);
  return out;
}
