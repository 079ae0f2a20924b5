/**
 * The HTTP API: one Hono app for every route, run unchanged by the Lambda entry (API Gateway HTTP
 * API v2 events via `hono/aws-lambda`) and by the local stack (Node server).
 *
 * Request pipeline: request log (one redacted line) → security headers → CORS → 64 KB body limit →
 * route (authorize → validate → handler). Every error leaves through `onError`/`notFound` with the
 * `{ code, message, messageZh, field? }` body; no stack trace ever reaches a client.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { routePath } from 'hono/route';
import { caseNotFound, errorBody } from '#domain/errors';
import { fromZodError } from '#domain/zod-errors';
import type { ApiEnv } from './context.ts';
import type { ApiDependencies } from './dependencies.ts';
import { renderDocsPage } from './docs-page.ts';
import { apiError, errorResponse, IssuesError, toErrorResponse } from './errors.ts';
import { ApiRouter } from './openapi.ts';
import { registerApplicantRoutes } from './routes/applicant.ts';
import { registerFilingRoutes } from './routes/filings.ts';
import { registerOfficerRoutes } from './routes/officer.ts';
import { registerProviderDocumentRoutes } from './routes/provider-documents.ts';
import { registerStaffRoutes } from './routes/staff.ts';
import { registerSupervisorRoutes } from './routes/supervisor.ts';
import { COMPONENTS } from './schemas.ts';
import { STAFF_COMPONENTS } from './staff-schemas.ts';

export const BODY_LIMIT_BYTES = 64 * 1024;

const OPENAPI_INFO = {
  title: 'ICP registration API',
  version: '1.0.0',
  description:
    'China ICP registration (ICP 备案) cases. Bearer OIDC JWTs; roles applicant, officer, supervisor (a supervisor may do everything an officer may). Errors are { code, message, messageZh, field?, issues? }.',
};

const SECURITY_SCHEMES = { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } };

type LambdaEnv = { event?: { requestContext?: { requestId?: string } } };

/** Builds the app around its dependencies. */
export function createApp(deps: ApiDependencies): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    const lambdaRequestId = (c.env as LambdaEnv | undefined)?.event?.requestContext?.requestId;
    c.set('requestId', lambdaRequestId ?? randomUUID());
    await next();
    deps.logger?.info('request', {
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      requestId: c.get('requestId'),
      ...(c.get('principal') ? { subject: c.get('principal')?.subject } : {}),
    });
  });

  app.use('*', async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    headers.set('Cross-Origin-Resource-Policy', 'same-site');
    if (!headers.has('Content-Security-Policy'))
      headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  });

  if (deps.settings.consoleOrigins.length > 0) {
    app.use(
      '*',
      cors({
        origin: [...deps.settings.consoleOrigins],
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
        maxAge: 3600,
      }),
    );
  }

  app.use(
    '*',
    bodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: (c) => errorResponse(c, apiError('PAYLOAD_TOO_LARGE')),
    }),
  );

  // Schema validation failures: 400 with the first issue as the body and all of them in `issues`;
  // a malformed path id cannot name a case, so it is a 404 like any unknown case.
  const router = new ApiRouter(app, (c, target, error, input) => {
    if (target === 'param') return errorResponse(c, caseNotFound());
    return errorResponse(c, new IssuesError(errorBody('VALIDATION'), fromZodError(error, input)));
  });
  registerApplicantRoutes(router);
  registerFilingRoutes(router);
  registerOfficerRoutes(router);
  registerProviderDocumentRoutes(router);
  registerSupervisorRoutes(router);
  registerStaffRoutes(router);

  app.get('/health', (c) => c.json({ ok: true }));
  let document: ReturnType<typeof router.document> | undefined;
  const openApiDocument = () => {
    document ??= router.document(OPENAPI_INFO, {
      schemas: { ...COMPONENTS, ...STAFF_COMPONENTS },
      securitySchemes: SECURITY_SCHEMES,
    });
    return document;
  };
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => {
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(renderDocsPage(openApiDocument() as Parameters<typeof renderDocsPage>[0]));
  });

  app.notFound((c) =>
    errorResponse(c, apiError('NOT_FOUND', { message: 'No such route.', messageZh: '请求的地址不存在。' })),
  );

  app.onError((error, c) => {
    const { status, body, internal } = toErrorResponse(error);
    if (internal) {
      deps.logger?.error('unhandled error', {
        method: c.req.method,
        route: routePath(c, -1),
        requestId: c.get('requestId'),
        errorName: error instanceof Error ? error.name : typeof error,
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
    return c.json(body, status);
  });

  return app;
}
