/** The real SDK client against an engine served on a free port, for tests where the wire matters. */
import { SFNClient } from '@aws-sdk/client-sfn';
import type { TestEngine } from './helpers.ts';

export interface Served {
  client: SFNClient;
  url: string;
  close(): Promise<void>;
}

export async function serve(t: TestEngine): Promise<Served> {
  const server = await t.embedded.listen(0);
  const client = new SFNClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // StartSyncExecution: the SDK would otherwise send it to `sync-127.0.0.1`.
    disableHostPrefix: true,
  });
  return {
    client,
    url: server.url,
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
}> {
  try {
    await p;
  } catch (e) {
    return e as { name: string; message: string };
  }
  throw new Error('expected a rejection');
}
