/**
 * Route authorisation: a Bearer JWT verified against the issuer's JWKS, then the route's role.
 * A supervisor may do everything an officer may. Ownership (an applicant's own case) is checked
 * in the handlers, which answer 404 for someone else's case so that case ids cannot be probed.
 */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '#adapters/jwt-verifier';
import { DomainError } from '#domain/errors';
import type { ApiEnv } from './context.ts';

const ROLES_ALLOWED: Record<Role, readonly Role[]> = {
  applicant: ['applicant'],
  officer: ['officer', 'supervisor'],
  supervisor: ['supervisor'],
};

const missingToken = () =>
  new DomainError({
    code: 'UNAUTHORIZED',
    message: 'Sign in first: the request has no bearer token.',
    messageZh: '请先登录：请求缺少访问令牌。',
  });

/** Verifies the token and requires `role` (officer routes also admit supervisors). */
export function authorize(role: Role): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
    if (!match?.[1]) throw missingToken();
    const principal = await c.get('deps').verifier(match[1]);
    c.set('principal', principal);
    const acting = ROLES_ALLOWED[role].find((r) => principal.roles.includes(r));
    if (!acting) {
      throw new DomainError({
        code: 'FORBIDDEN',
        message: `This action needs the ${role} role.`,
        messageZh: '您的账号无权执行此操作。',
      });
    }
    c.set('actingRole', acting);
    await next();
  };
}
