/**
 * The AWS JSON 1.0 protocol over HTTP: `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>`,
 * JSON in and out, errors as HTTP 400 `{"__type": "...", "message": "..."}`, so `@aws-sdk/client-sfn`
 * works against it with only an endpoint override.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, type Engine } from './engine.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.0';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function serveEngine(engine: Engine, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith('AWSStepFunctions.')) {
        if (req.method === 'GET' && (req.url === '/' || req.url === '/health'))
          return send(res, 200, { status: 'ok' });
        return send(res, 400, {
          __type: 'UnknownOperationException',
          message: `Unsupported request ${req.method} ${target}`,
        });
      }
      let input: Record<string, unknown>;
      try {
        const text = await readBody(req);
        input = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        return send(res, 400, {
          __type: 'SerializationException',
          message: 'Request body is not valid JSON',
        });
      }
      try {
        const out = await engine.call(target.slice('AWSStepFunctions.'.length), input);
        send(res, 200, out ?? {});
      } catch (err) {
        if (err instanceof ApiError) send(res, 400, { __type: err.type, message: err.message });
        else
          send(res, 500, {
            __type: 'InternalFailure',
            message: err instanceof Error ? err.message : String(err),
          });
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
