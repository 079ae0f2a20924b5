/**
 * The local stack's "DNS": which local server stands in for each address a deployment knows. The
 * templates resolve to AWS-shaped addresses (the API's execute-api host, the bucket's regional
 * domain, Cognito's issuer and hosted sign-in, the console's origin, China's OIDC issuer and SMTP
 * relay); every value the local stack hands on — a function's environment, the console's CSP and
 * config.json, CORS origins — passes through `localize`, which swaps each such address for the
 * local one. Longer prefixes win, so an issuer path maps before its host.
 */
import type { CloudAssembly } from './cloud-assembly.ts';
import { LOCAL_NAMES } from './synthesize.ts';
import { urlSuffix } from './template.ts';

export interface LocalUrls {
  /** Console, sign-in pages, mailbox. */
  web: string;
  api: string;
  s3: string;
  smtp: { host: string; port: number };
}

/** Where the dev issuers are mounted on the web server. */
export const ISSUER_PATHS = { applicants: '/oidc', staff: '/oidc-staff' } as const;

export interface LocalEndpoints {
  /** Replaces every deployment address in `text` with its local stand-in. */
  localize(text: string): string;
  /** A function environment with its addresses localized (SMTP host and port included). */
  localizeEnvironment(environment: Record<string, string>): Record<string, string>;
  /** The deployment's issuer URL → the local dev issuer's path, e.g. `/oidc`. */
  issuers: Array<{
    deployed: string;
    path: string;
    clientIds: string[];
    roles: 'applicants' | 'staff' | 'all';
  }>;
}

export function localEndpoints(assembly: CloudAssembly, urls: LocalUrls): LocalEndpoints {
  const prefixes: Array<[string, string]> = [[LOCAL_NAMES.consoleOrigin, urls.web]];
  const issuers: LocalEndpoints['issuers'] = [];
  // Only the addresses the API answers on: a switched-off execute-api address maps nowhere.
  for (const address of [assembly.httpApi?.endpoint, ...(assembly.httpApi?.domainUrls ?? [])])
    if (address) prefixes.push([address, urls.api]);
  prefixes.push([`https://${assembly.uploadsBucket.regionalDomainName}`, urls.s3]);

  if (assembly.userPools.length > 0) {
    // Global regions: the pool with groups is the staff pool (officer, supervisor).
    for (const pool of assembly.userPools) {
      const roles = pool.groups.length > 0 ? 'staff' : 'applicants';
      const path = ISSUER_PATHS[roles];
      prefixes.push([pool.issuer, `${urls.web}${path}`]);
      if (pool.domainUrl) prefixes.push([pool.domainUrl, `${urls.web}${path}`]);
      issuers.push({ deployed: pool.issuer, path, clientIds: pool.clientIds, roles });
    }
    prefixes.push([`https://cognito-idp.${assembly.region}.${urlSuffix(assembly.partition)}`, urls.web]);
  } else {
    // China: one operator issuer for every role.
    const deployed = LOCAL_NAMES.oidcIssuer;
    prefixes.push([deployed, `${urls.web}${ISSUER_PATHS.applicants}`]);
    issuers.push({
      deployed,
      path: ISSUER_PATHS.applicants,
      clientIds: [LOCAL_NAMES.oidcAudience],
      roles: 'all',
    });
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);

  const localize = (text: string) => {
    let out = text;
    for (const [deployed, local] of prefixes) out = out.split(deployed).join(local);
    return out;
  };
  return {
    issuers,
    localize,
    localizeEnvironment(environment) {
      const out = Object.fromEntries(
        Object.entries(environment).map(([key, value]) => [key, localize(value)]),
      );
      if (out.SMTP_HOST === LOCAL_NAMES.smtpHost) {
        out.SMTP_HOST = urls.smtp.host;
        out.SMTP_PORT = String(urls.smtp.port);
      }
      return out;
    },
  };
}
