/**
 * What a CloudFront response-headers policy adds to each response (global regions), as the local
 * web server serves the console with it (CloudFront China has no such policies: console-files.ts).
 */
export interface ResponseHeadersConfig {
  SecurityHeadersConfig?: {
    ContentSecurityPolicy?: { ContentSecurityPolicy: string };
    ContentTypeOptions?: unknown;
    FrameOptions?: { FrameOption: string };
    ReferrerPolicy?: { ReferrerPolicy: string };
    StrictTransportSecurity?: {
      AccessControlMaxAgeSec: number;
      IncludeSubdomains?: boolean;
      Preload?: boolean;
    };
    XSSProtection?: { Protection: boolean; ModeBlock?: boolean; ReportUri?: string };
  };
  CustomHeadersConfig?: { Items: Array<{ Header: string; Value: string }> };
}

/** The distribution's behaviors, as far as the console's headers go. */
export interface DistributionConfig {
  DefaultCacheBehavior: { ResponseHeadersPolicyId?: string };
  CacheBehaviors?: Array<{ PathPattern: string; ResponseHeadersPolicyId?: string }>;
}

/** The headers of the behavior for a path pattern (`assets/*`). */
export interface AssemblyPathHeaders {
  pathPattern: string;
  headers: Record<string, string>;
}

/**
 * The headers CloudFront adds to a console path: those of the first behavior whose pattern matches
 * (CloudFront's patterns: `*` any run of characters, `?` one; relative to the root), else the
 * default behavior's.
 */
export function headersForPath(
  path: string,
  defaults: Record<string, string>,
  byPath: AssemblyPathHeaders[],
): Record<string, string> {
  const relative = path.replace(/^\//, '');
  const matches = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/^\//, '')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    ).test(relative);
  return byPath.find((b) => matches(b.pathPattern))?.headers ?? defaults;
}

/** The headers CloudFront adds for a response-headers policy. */
export function responseHeaders(config: ResponseHeadersConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  const security = config.SecurityHeadersConfig ?? {};
  if (security.ContentSecurityPolicy)
    headers['content-security-policy'] = security.ContentSecurityPolicy.ContentSecurityPolicy;
  if (security.ContentTypeOptions) headers['x-content-type-options'] = 'nosniff';
  if (security.FrameOptions) headers['x-frame-options'] = security.FrameOptions.FrameOption;
  if (security.ReferrerPolicy) headers['referrer-policy'] = security.ReferrerPolicy.ReferrerPolicy;
  if (security.StrictTransportSecurity) {
    const hsts = security.StrictTransportSecurity;
    headers['strict-transport-security'] = [
      `max-age=${hsts.AccessControlMaxAgeSec}`,
      ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.Preload ? ['preload'] : []),
    ].join('; ');
  }
  if (security.XSSProtection) {
    const xss = security.XSSProtection;
    headers['x-xss-protection'] = xss.Protection
      ? [
          '1',
          ...(xss.ModeBlock ? ['mode=block'] : []),
          ...(xss.ReportUri ? [`report=${xss.ReportUri}`] : []),
        ].join('; ')
      : '0';
  }
  for (const item of config.CustomHeadersConfig?.Items ?? []) headers[item.Header.toLowerCase()] = item.Value;
  return headers;
}
