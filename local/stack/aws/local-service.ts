/**
 * The in-process shape of the local AWS stand-ins (Secrets Manager, SES): a function from a
 * request to a response, which the AWS gateway calls after authentication and authorization, and
 * the wire formats of AWS's JSON protocols (awsJson1_0 / awsJson1_1 and REST-JSON) they answer in.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServiceRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  /** The authenticated caller, when the request came through the gateway. */
  principalArn?: string;
}

export interface LocalServiceResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export type LocalServiceHandler = (request: LocalServiceRequest) => Promise<LocalServiceResponse>;

export type JsonProtocolVersion = '1.0' | '1.1';

/** A successful awsJson response. */
export function jsonResponse(body: unknown, version: JsonProtocolVersion): LocalServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  };
}

/** An awsJson error: `__type` in the body and `x-amzn-ErrorType`, which the SDK reads the code from. */
export function jsonError(
  status: number,
  code: string,
  message: string,
  version: JsonProtocolVersion,
  type = code,
): LocalServiceResponse {
  return {
    status,
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': code,
    },
    body: JSON.stringify({ __type: type, message }),
  };
}

/** A REST-JSON response (SES v2). */
export function restJsonResponse(status: number, body: unknown): LocalServiceResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  };
}

/** A REST-JSON error: the code travels in `x-amzn-ErrorType`, the body carries the message. */
export function restJsonError(status: number, code: string, message: string): LocalServiceResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': code,
    },
    body: JSON.stringify({ message }),
  };
}

/** The JSON body of a request, or undefined when it is not JSON. */
export function parseJsonBody(body: Uint8Array): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(Buffer.from(body).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Serves a stand-in on its own loopback port, without authentication: for tests of the stand-in
 * itself, or as a gateway upstream given by URL. The local stack puts the gateway in front.
 */
export async function serveLocalService(
  handler: LocalServiceHandler,
  options: { port?: number; host?: string } = {},
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readAll(req);
        const response = await handler({
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', `http://${host}`),
          headers: req.headers,
          body,
        });
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalFailure' });
        res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
