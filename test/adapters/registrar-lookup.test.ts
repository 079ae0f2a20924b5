import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRegistrarLookup } from '#adapters/fixture-registrar-lookup';
import { registrarLookupFrom } from '#adapters/from-config';
import { rdapRegistrarLookup, registrarNameOf } from '#adapters/rdap-registrar-lookup';

// An RDAP domain response shaped like Verisign's for a .com at GoDaddy (RFC 9083 §5.3).
const GODADDY_RESPONSE = {
  objectClassName: 'domain',
  ldhName: 'EXAMPLE-ABROAD.COM',
  entities: [
    {
      objectClassName: 'entity',
      handle: '146',
      roles: ['registrar'],
      vcardArray: [
        'vcard',
        [
          ['version', {}, 'text', '4.0'],
          ['fn', {}, 'text', 'GoDaddy.com, LLC'],
        ],
      ],
      entities: [
        { objectClassName: 'entity', roles: ['abuse'], vcardArray: ['vcard', [['fn', {}, 'text', 'Abuse']]] },
      ],
    },
  ],
};

/** A local RDAP service: a redirecting bootstrap (like rdap.org) in front of a registry. */
let baseUrl = '';
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = req.url ?? '';
  if (url.startsWith('/bootstrap/domain/')) {
    res.writeHead(302, { location: `${baseUrl}/registry/domain/${url.split('/').pop()}` }).end();
  } else if (url === '/registry/domain/example-abroad.com') {
    res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(JSON.stringify(GODADDY_RESPONSE));
  } else if (url === '/registry/domain/broken.com') {
    res.writeHead(200, { 'content-type': 'application/rdap+json' }).end('{not json');
  } else if (url === '/registry/domain/down.com') {
    res.writeHead(503).end();
  } else if (url === '/registry/domain/slow.com') {
    // Never answers: the lookup's own timeout ends it.
  } else {
    res.writeHead(404, { 'content-type': 'application/rdap+json' }).end('{"errorCode":404}');
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const lookup = () => rdapRegistrarLookup({ baseUrl: `${baseUrl}/bootstrap`, timeoutMs: 300 });

describe('the RDAP registrar lookup', () => {
  it("follows the bootstrap's redirect and reads the registrar entity's name", async () => {
    await expect(lookup().registrarOf('example-abroad.com')).resolves.toEqual({
      found: true,
      registrar: 'GoDaddy.com, LLC',
    });
  });

  it('reports an unknown domain, a registry error, a malformed answer and a timeout as results, never throws', async () => {
    await expect(lookup().registrarOf('unknown.com')).resolves.toMatchObject({
      found: false,
      reason: 'NOT_FOUND',
    });
    await expect(lookup().registrarOf('down.com')).resolves.toMatchObject({
      found: false,
      reason: 'UNAVAILABLE',
    });
    await expect(lookup().registrarOf('broken.com')).resolves.toMatchObject({
      found: false,
      reason: 'MALFORMED',
    });
    await expect(lookup().registrarOf('slow.com')).resolves.toMatchObject({
      found: false,
      reason: 'TIMEOUT',
    });
  });

  it('reports an unreachable service as unavailable', async () => {
    const closed = rdapRegistrarLookup({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 300 });
    await expect(closed.registrarOf('example.com')).resolves.toMatchObject({
      found: false,
      reason: 'UNAVAILABLE',
    });
  });

  it('finds no registrar in a response without a registrar entity', () => {
    expect(registrarNameOf({ entities: [{ roles: ['registrant'], handle: 'X' }] })).toBeUndefined();
  });
});

describe('the fixture registrar lookup', () => {
  it('answers from its table, then by the naming convention the local stack documents', async () => {
    const fixture = fixtureRegistrarLookup({ 'listed.cn': 'Xin Net Technology Corporation' });
    await expect(fixture.registrarOf('listed.cn')).resolves.toEqual({
      found: true,
      registrar: 'Xin Net Technology Corporation',
    });
    await expect(fixture.registrarOf('shop-abroad.com')).resolves.toEqual({
      found: true,
      registrar: 'GoDaddy.com, LLC',
    });
    await expect(fixture.registrarOf('shop-rdap-down.com')).resolves.toMatchObject({ found: false });
    await expect(fixture.registrarOf('zhangwei-photo.cn')).resolves.toMatchObject({ found: true });
  });

  it('is what the configuration chooses with REGISTRAR_LOOKUP=fixture', async () => {
    const chosen = registrarLookupFrom({
      REGISTRAR_LOOKUP: 'fixture',
      RDAP_BASE_URL: 'https://rdap.org',
      RDAP_TIMEOUT_MS: 3000,
    });
    await expect(chosen.registrarOf('shop-abroad.com')).resolves.toEqual({
      found: true,
      registrar: 'GoDaddy.com, LLC',
    });
  });
});
