/**
 * The way to s3rver: checked requests are re-signed with s3rver's own key and sent over a
 * keep-alive agent on the loopback port, and its answers are streamed back without the headers the
 * front sets itself.
 */
import { createReadStream } from 'node:fs';
import {
  Agent,
  type ClientRequest,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestOptions,
  type ServerResponse,
} from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256, UNSIGNED_PAYLOAD, uriEncode } from './aws/sigv4-primitives.ts';
import type { S3FrontOptions } from './s3-front-options.ts';
import type { SpooledBody } from './s3-request-body.ts';
import { type Target, upstreamPath } from './s3-request-target.ts';

const AUTH_QUERY = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);
/** Request headers the front consumes (auth, transfer, checksums it has verified) or that s3rver must not see. */
const NOT_FORWARDED = new Set([
  'authorization',
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'content-length',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-decoded-content-length',
  'x-amz-trailer',
  'x-amz-sdk-checksum-algorithm',
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
]);
/** POST form fields s3rver stores (object headers and user metadata) or acts on. */

/** s3rver's address and signer, shared by every request the front forwards. */
export class S3Upstream {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });
  private readonly signer: SignatureV4;

  constructor(private readonly options: Pick<S3FrontOptions, 'upstream' | 'upstreamCredentials' | 'region'>) {
    this.signer = new SignatureV4({
      credentials: options.upstreamCredentials,
      region: options.region,
      service: 's3',
      sha256: NodeSha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  get host(): string {
    return this.options.upstream.host;
  }

  get port(): number {
    return this.options.upstream.port;
  }

  destroy(): void {
    this.agent.destroy();
  }

  /**
   * Sends one request to s3rver and resolves with its response. A kept-alive socket that s3rver
   * closed as idle just as the agent reused it fails with ECONNRESET before any answer (Node's
   * documented race, see `request.reusedSocket`); the body is spooled on disk, so the request is sent
   * again once, on a fresh socket.
   */
  send(
    options: Omit<RequestOptions, 'agent' | 'host' | 'port'>,
    writeBody: (request: ClientRequest, fail: (error: Error) => void) => void,
  ): Promise<IncomingMessage> {
    const attempt = (retried: boolean): Promise<IncomingMessage> =>
      new Promise((resolve, reject) => {
        const request = httpRequest(
          {
            ...options,
            agent: this.agent,
            host: this.options.upstream.host,
            port: this.options.upstream.port,
          },
          (response) => {
            answered = true;
            resolve(response);
          },
        );
        let answered = false;
        request.on('error', (error: NodeJS.ErrnoException) => {
          if (!retried && !answered && request.reusedSocket && error.code === 'ECONNRESET')
            resolve(attempt(true));
          else reject(error);
        });
        writeBody(request, (error) => {
          request.destroy();
          reject(error);
        });
      });
    return attempt(false);
  }

  /**
   * Sends the checked request to s3rver, re-signed with s3rver's key, and streams the answer back.
   * `inspect` sees the status first; it may throw an S3Failure instead, or return extra headers.
   */
  async proxy(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    headers: Record<string, string | undefined>,
    body: SpooledBody | undefined,
    cors: Record<string, string>,
    inspect: (status: number, upstream: IncomingMessage) => Promise<Record<string, string>>,
  ): Promise<void> {
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(target.rawSearch)) {
      if (AUTH_QUERY.has(name.toLowerCase())) continue;
      const existing = query[name];
      query[name] =
        existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || NOT_FORWARDED.has(name) || name.startsWith('x-amz-checksum-')) continue;
      if (name === 'content-encoding') {
        const rest = value
          .split(',')
          .map((encoding) => encoding.trim())
          .filter((encoding) => encoding && encoding !== 'aws-chunked');
        if (rest.length > 0) forwarded[name] = rest.join(',');
        continue;
      }
      forwarded[name] = value;
    }
    const path = upstreamPath(target);
    const signed = await this.signer.sign({
      method: req.method ?? 'GET',
      protocol: 'http:',
      hostname: this.options.upstream.host,
      port: this.options.upstream.port,
      path,
      query,
      headers: {
        ...forwarded,
        host: `${this.options.upstream.host}:${this.options.upstream.port}`,
        'x-amz-content-sha256': UNSIGNED_PAYLOAD,
        'content-length': String(body?.size ?? 0),
      },
    });
    const search = Object.entries(query)
      .flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => `${uriEncode(name)}=${uriEncode(v)}`),
      )
      .join('&');
    const upstream = await this.send(
      { method: req.method, path: search ? `${path}?${search}` : path, headers: signed.headers },
      (request, fail) => {
        if (body) createReadStream(body.path).on('error', fail).pipe(request);
        else request.end();
      },
    );
    const status = upstream.statusCode ?? 502;
    let extra: Record<string, string>;
    try {
      extra = await inspect(status, upstream);
    } catch (error) {
      upstream.resume();
      throw error;
    }
    res.writeHead(status, { ...upstreamResponseHeaders(upstream.headers), ...extra, ...cors });
    await streamTo(upstream, res);
  }
}

/** Streams s3rver's answer to the client; settles when s3rver's side has ended. */
export function streamTo(upstream: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    upstream.pipe(res);
    upstream.on('end', resolve);
    upstream.on('error', reject);
  });
}

export function upstreamResponseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (
      name.startsWith('access-control-') ||
      name === 'connection' ||
      name === 'keep-alive' ||
      name === 'transfer-encoding'
    ) {
      continue;
    }
    if (name === 'x-amz-request-id' || name === 'x-amz-id-2' || name === 'vary') continue;
    out[name] = value;
  }
  return out;
}
