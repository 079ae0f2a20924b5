/**
 * A tiny HTTP server speaking the Step Functions JSON 1.0 protocol for the callback actions only
 * (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat). It records every call, so tests use the real
 * SFNClient and assert what reached "Step Functions". Tokens marked gone answer TaskDoesNotExist.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  action: 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat' | string;
  taskToken: string;
  output?: unknown;
  error?: string;
  cause?: string;
}

export interface RecordingSfn {
  endpoint: string;
  calls: RecordedCall[];
  /** Tokens for which the server answers TaskDoesNotExist. */
  goneTokens: Set<string>;
  /** When set, every call fails with this HTTP 500 first (to test a retry), then clears. */
  failNext: { count: number };
  close(): Promise<void>;
}

/** Starts the recorder on 127.0.0.1 and a free port. */
export async function startRecordingSfn(): Promise<RecordingSfn> {
  const calls: RecordedCall[] = [];
  const goneTokens = new Set<string>();
  const failNext = { count: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const action = target.split('.').pop() ?? '';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(payload));
      };
      if (failNext.count > 0) {
        failNext.count -= 1;
        reply(500, { __type: 'com.amazonaws.swf.service.v2.model#InternalFailure', message: 'injected' });
        return;
      }
      const token = body.taskToken ?? '';
      if (goneTokens.has(token)) {
        reply(400, {
          __type: 'com.amazonaws.swf.service.v2.model#TaskDoesNotExist',
          message: 'Task does not exist',
        });
        return;
      }
      calls.push({
        action,
        taskToken: token,
        ...(body.output !== undefined ? { output: JSON.parse(body.output) } : {}),
        ...(body.error !== undefined ? { error: body.error } : {}),
        ...(body.cause !== undefined ? { cause: body.cause } : {}),
      });
      reply(200, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    goneTokens,
    failNext,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
