/**
 * The AWS JSON 1.0 protocol over HTTP: `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>`,
 * JSON in and out, errors as HTTP 400 `{"__type": "...", "message": "..."}`, so `@aws-sdk/client-sfn`
 * works against it with only an endpoint override.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_REQUEST_BODY_BYTES, nestsDeeperThan } from './api/limits.ts';
import { ApiError, type Engine } from './engine.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Far above the deepest request shape of the API (about 5 levels: loggingConfiguration, tags). */
const MAX_REQUEST_NESTING = 32;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

/**
 * Reads the request body up to `limit` bytes; `undefined` once it is known to be longer: at once from
 * its Content-Length, otherwise as soon as the bytes received pass the limit, so an oversized body is
 * never held in memory. The rest of it is read and dropped (not kept) so that the client, still
 * sending, receives the refusal instead of a reset connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      req.removeAllListeners('data');
      req.removeAllListeners('end');
      req.resume();
      resolve(undefined);
    };
    if (Number(req.headers['content-length']) > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) refuse();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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
      let input: object;
      try {
        const text = await readBody(req, MAX_REQUEST_BODY_BYTES);
        if (text === undefined)
          // AWS documents the 1 MB request quota but not the error it answers with; 413 says what
          // happened, and ValidationException is the error every operation lists for refused input.
          return send(res, 413, {
            __type: 'ValidationException',
            message: `Request body exceeds the maximum request size of ${MAX_REQUEST_BODY_BYTES} bytes`,
          });
        // The request's own structure is shallow (payloads travel as strings): a body nested deeper
        // than any operation's shape is refused before values built from it reach the journal.
        if (nestsDeeperThan(text, MAX_REQUEST_NESTING))
          return send(res, 400, {
            __type: 'SerializationException',
            message: `Request body nested deeper than ${MAX_REQUEST_NESTING} levels`,
          });
        input = text ? (JSON.parse(text) as object) : {};
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
