import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { S3Upstream } from '#stack/s3-upstream';

/**
 * An upstream that answers the first request on each connection and resets the connection when a
 * second request arrives on it: what s3rver does to a kept-alive socket it has just closed as idle.
 */
async function closesIdleSockets() {
  const requestsPerSocket = new Map<Socket, number>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.on('data', () => {
      const seen = (requestsPerSocket.get(socket) ?? 0) + 1;
      requestsPerSocket.set(socket, seen);
      if (seen > 1) return socket.resetAndDestroy();
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => server.close(),
  };
}

describe('the strict S3 front’s way to s3rver', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const fn of cleanup.splice(0)) fn();
  });

  it('sends a request again on a fresh socket when s3rver reset the kept-alive one', async () => {
    const server = await closesIdleSockets();
    const upstream = new S3Upstream({
      upstream: { host: '127.0.0.1', port: server.port },
      upstreamCredentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      region: 'cn-north-1',
    });
    cleanup.push(server.close, () => upstream.destroy());
    const get = async () => {
      const response = await upstream.send({ method: 'GET', path: '/bucket/key' }, (request) =>
        request.end(),
      );
      let text = '';
      for await (const chunk of response) text += chunk;
      return text;
    };

    expect(await get()).toBe('ok');
    expect(await get()).toBe('ok');
    expect(server.connections()).toBe(2);
  });
});
