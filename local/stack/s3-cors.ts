/**
 * Bucket CORS as S3 applies it: a preflight (OPTIONS) is answered from the first rule that allows
 * the origin, the method and every requested header; other requests get CORS headers only when a
 * rule allows their origin and method.
 */

/** One CORS rule, as in the bucket's CORSConfiguration (CloudFormation's CorsRule). */
export interface CorsRule {
  allowedOrigins: readonly string[];
  allowedMethods: readonly string[];
  allowedHeaders?: readonly string[];
  exposedHeaders?: readonly string[];
  maxAgeSeconds?: number;
}

/** The rules the console needs: POST uploads and GET/HEAD previews from each origin. */
export function consoleCorsRules(origins: readonly string[]): CorsRule[] {
  return origins.length === 0
    ? []
    : [
        {
          allowedOrigins: origins,
          allowedMethods: ['POST', 'GET', 'HEAD'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAgeSeconds: 600,
        },
      ];
}

/** `*` in an origin or header pattern stands for any run of characters (at most one, as in S3). */
function wildcardMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '.*');
  return new RegExp(`^${escaped}$`, caseInsensitive ? 'i' : '').test(value);
}

function ruleFor(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
  requestHeaders: readonly string[],
): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.allowedOrigins.some((pattern) => wildcardMatch(pattern, origin, false)) &&
      rule.allowedMethods.includes(method) &&
      requestHeaders.every((header) =>
        (rule.allowedHeaders ?? []).some((pattern) => wildcardMatch(pattern, header, true)),
      ),
  );
}

function allowOrigin(rule: CorsRule, origin: string): string {
  return rule.allowedOrigins.includes('*') ? '*' : origin;
}

/** Response headers for a preflight, or undefined when no rule allows it (S3 answers 403). */
export function preflightHeaders(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
  requestHeaders: readonly string[],
): Record<string, string> | undefined {
  const rule = ruleFor(rules, origin, method, requestHeaders);
  if (!rule) return undefined;
  return {
    'access-control-allow-origin': allowOrigin(rule, origin),
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    ...(requestHeaders.length > 0 ? { 'access-control-allow-headers': requestHeaders.join(', ') } : {}),
    ...(rule.exposedHeaders?.length
      ? { 'access-control-expose-headers': rule.exposedHeaders.join(', ') }
      : {}),
    ...(rule.maxAgeSeconds !== undefined ? { 'access-control-max-age': String(rule.maxAgeSeconds) } : {}),
    ...(rule.allowedOrigins.includes('*') ? {} : { 'access-control-allow-credentials': 'true' }),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}

/** CORS headers for an actual request from `origin`, or undefined when no rule allows it. */
export function responseCorsHeaders(
  rules: readonly CorsRule[],
  origin: string | undefined,
  method: string,
): Record<string, string> | undefined {
  if (!origin) return undefined;
  const rule = ruleFor(rules, origin, method, []);
  if (!rule) return undefined;
  return {
    'access-control-allow-origin': allowOrigin(rule, origin),
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    ...(rule.exposedHeaders?.length
      ? { 'access-control-expose-headers': rule.exposedHeaders.join(', ') }
      : {}),
    ...(rule.maxAgeSeconds !== undefined ? { 'access-control-max-age': String(rule.maxAgeSeconds) } : {}),
    ...(rule.allowedOrigins.includes('*') ? {} : { 'access-control-allow-credentials': 'true' }),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}
