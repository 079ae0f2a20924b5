/**
 * API Gateway's HTTP API in front of a local Lambda, from the template's routes and CORS: each
 * request becomes the payload-format 2.0 event API Gateway sends, the function's result becomes
 * the response as API Gateway maps it, and CORS preflights are answered by the gateway itself when
 * the API has a CORS configuration (it also overrides the function's CORS headers, as AWS does).
 * AWS's limits apply: a 10 MB request body, a 30 s integration timeout, and a function error or
 * timeout answered with API Gateway's own 500/503 bodies (never the function's error text).
 */
import { randomUUID } from 'node:crypto';
import type { AssemblyHttpApi } from './assembly/cloud-assembly.ts';
import type { InvokeOutcome } from './lambda/lambda-function.ts';

/** API Gateway HTTP APIs accept request bodies up to 10 MB. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface HttpApiOptions {
  api: AssemblyHttpApi;
  accountId: string;
  /** Invokes a function by ARN. */
  invoke(functionArn: string, event: unknown): Promise<InvokeOutcome>;
  /** CORS origins after localization (the template's, mapped to local addresses). */
  allowOrigins: string[];
}

type Route = AssemblyHttpApi['routes'][number];

function matchRoute(routes: Route[], method: string, path: string): Route | undefined {
  const exact = routes.find(
    (route) => route.routeKey === `${method} ${path}` || route.routeKey === `ANY ${path}`,
  );
  return exact ?? routes.find((route) => route.routeKey === '$default');
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A fetch handler serving the HTTP API. */
export function httpApiHandler(options: HttpApiOptions): (request: Request) => Promise<Response> {
  const { api } = options;
  const cors = api.cors;
  const allowAll = options.allowOrigins.includes('*');
  const corsHeaders = (origin: string | null): Record<string, string> => {
    if (!cors || !origin || !(allowAll || options.allowOrigins.includes(origin))) return {};
    return { 'access-control-allow-origin': allowAll ? '*' : origin, vary: 'origin' };
  };

  return async (request) => {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    if (cors && request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
      const allowed = corsHeaders(origin);
      if (!allowed['access-control-allow-origin']) return new Response(null, { status: 204 });
      return new Response(null, {
        status: 204,
        headers: {
          ...allowed,
          'access-control-allow-methods': cors.allowMethods.includes('*')
            ? (request.headers.get('access-control-request-method') ?? '*')
            : cors.allowMethods.join(','),
          'access-control-allow-headers': cors.allowHeaders.join(','),
          ...(cors.maxAge === undefined ? {} : { 'access-control-max-age': String(cors.maxAge) }),
        },
      });
    }
    const route = matchRoute(api.routes, request.method, url.pathname);
    if (!route) return json(404, { message: 'Not Found' });

    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > MAX_REQUEST_BYTES) return json(413, { message: 'Request Entity Too Large' });
    const event = toEvent(request, url, body, route, options.accountId, api.apiId);
    const outcome = await options.invoke(route.functionArn, event);
    const extra = corsHeaders(origin);
    if (!outcome.ok) {
      // API Gateway hides the function's error; a timeout or throttle is a 503.
      return outcome.errorType === 'Sandbox.Timedout'
        ? json(503, { message: 'Service Unavailable' }, extra)
        : json(500, { message: 'Internal Server Error' }, extra);
    }
    return toResponse(outcome.payload, extra);
  };
}

function toEvent(
  request: Request,
  url: URL,
  body: Uint8Array,
  route: Route,
  accountId: string,
  apiId: string,
) {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  request.headers.forEach((value, key) => {
    if (key === 'cookie') cookies.push(...value.split(/;\s*/));
    else headers[key] = headers[key] ? `${headers[key]},${value}` : value;
  });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = query[key] ? `${query[key]},${value}` : value;
  const now = new Date();
  const textual = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/.test(
    headers['content-type'] ?? '',
  );
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId,
      apiId,
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0],
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.byteLength
      ? textual
        ? { body: Buffer.from(body).toString('utf8'), isBase64Encoded: false }
        : { body: Buffer.from(body).toString('base64'), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  };
}

interface ProxyResult {
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, Array<string | number | boolean>>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/** API Gateway's mapping of a 2.0 result: a `statusCode` result is a response; anything else is JSON. */
function toResponse(payload: unknown, extra: Record<string, string>): Response {
  const result = payload as ProxyResult | null;
  if (!result || typeof result !== 'object' || typeof result.statusCode !== 'number') {
    return json(200, payload, extra);
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(result.headers ?? {})) headers.set(key, String(value));
  for (const [key, values] of Object.entries(result.multiValueHeaders ?? {}))
    for (const value of values) headers.append(key, String(value));
  for (const cookie of result.cookies ?? []) headers.append('set-cookie', cookie);
  for (const [key, value] of Object.entries(extra)) headers.set(key, value);
  const body =
    result.body === undefined
      ? null
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : result.body;
  return new Response(result.statusCode === 204 || result.statusCode === 304 ? null : body, {
    status: result.statusCode,
    headers,
  });
}
