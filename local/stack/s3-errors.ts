/**
 * S3 error responses: the failure type the front throws, and the XML error body it answers with
 * (reading a small unread request body first, so the client sees the answer).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsAuthError } from './aws/sigv4.ts';
import { header } from './s3-request-headers.ts';

/** An S3 error response (S3's XML body). */
export class S3Failure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  static from(error: AwsAuthError): S3Failure {
    return new S3Failure(error.code, error.message, error.status);
  }
}

export const accessDenied = (message = 'Access Denied') => new S3Failure('AccessDenied', message, 403);
/** Bodies up to this size are read before answering an early refusal, so clients see the answer. */
const DRAIN_BEFORE_ANSWER = 1024 * 1024;

/** The local size cap refused (`size` is the declared size, when known). */
export function tooLarge(maxBodyBytes: number, size?: number): S3Failure {
  return new S3Failure(
    'EntityTooLarge',
    `Your proposed upload exceeds the maximum allowed size${size === undefined ? '' : ` (${size} > ${maxBodyBytes} bytes, the local cap)`}`,
    400,
  );
}

export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  failure: S3Failure,
  requestId: string,
  cors: Record<string, string>,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body =
    req.method === 'HEAD'
      ? ''
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(failure.code)}</Code><Message>${escapeXml(failure.message)}</Message><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  const unread = !req.readableEnded && !req.destroyed;
  const declared = Number(header(req.headers, 'content-length') ?? '0');
  const answer = (close: boolean) => {
    res.writeHead(failure.status, {
      ...failure.headers,
      ...cors,
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(body)),
      ...(close ? { connection: 'close' } : {}),
    });
    res.end(body);
  };
  if (unread && Number.isFinite(declared) && declared <= DRAIN_BEFORE_ANSWER) {
    // Read the (small) rest of the body first, so the client is not cut off mid-send.
    req.resume();
    req.once('end', () => answer(false));
    req.once('error', () => res.destroy());
    return;
  }
  answer(unread);
  if (unread) {
    req.resume();
    res.once('finish', () => setTimeout(() => req.socket.destroy(), 100).unref());
  }
}
