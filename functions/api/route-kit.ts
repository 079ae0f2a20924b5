/**
 * Small helpers shared by the route modules: the standard error responses for the OpenAPI document,
 * and reading a JSON body by hand where the schema depends on the case.
 */

import type { Context } from 'hono';
import type { z } from 'zod';
import type { ApiEnv } from './context.ts';
import { apiError } from './errors.ts';
import type { RouteResponse } from './openapi.ts';
import { ErrorResponse } from './schemas.ts';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Validation failed, or malformed JSON',
  401: 'Missing, expired or invalid token',
  403: 'Wrong role',
  404: 'No such case (or not yours)',
  409: 'Not possible in the case’s current state',
  413: 'Body larger than 64 KB',
  415: 'Body is not JSON',
  422: 'Not eligible',
};

/** The responses block: the success response plus the listed error statuses. */
export function responses(
  status: 200 | 201 | 202,
  schema: z.ZodType,
  description: string,
  errors: number[] = [400, 401, 403, 404],
): Record<number, RouteResponse> {
  const out: Record<number, RouteResponse> = { [status]: { description, schema } };
  for (const code of errors) {
    out[code] = { description: ERROR_DESCRIPTIONS[code] ?? 'Error', schema: ErrorResponse };
  }
  return out;
}

export const BEARER = [{ bearer: [] }];

/** Reads a JSON body: 415 unless it is sent as JSON, 400 MALFORMED_JSON unless it parses. */
export async function readJson(c: Context<ApiEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
    throw apiError('UNSUPPORTED_MEDIA_TYPE');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw apiError('MALFORMED_JSON');
  }
}

/** The acting principal and role, set by `authorize`. */
export function actingAs(c: Context<ApiEnv>) {
  const principal = c.get('principal');
  const role = c.get('actingRole');
  if (!principal || !role) throw new Error('authorize middleware did not run');
  return { principal, role, requestId: c.get('requestId') };
}
