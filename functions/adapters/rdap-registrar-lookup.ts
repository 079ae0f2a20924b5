/**
 * Registrar lookups over RDAP (RFC 9082/9083). By default through https://rdap.org, which redirects
 * each query to the registry's own RDAP service named in IANA's bootstrap file
 * (https://data.iana.org/rdap/dns.json); `fetch` follows the redirect. The registrar is the entity
 * with role "registrar" (RFC 9083 §10.2.4), named by its jCard "fn" (RFC 7095). Every failure
 * (timeout, HTTP error, no registrar entity) is a result, never a thrown error, so a registry that
 * is down (or a TLD without RDAP, such as .cn) leaves the check to an officer instead of failing the case.
 */
import type { RegistrarLookup, RegistrarLookupResult } from '#domain/registrar-lookup';

export interface RdapOptions {
  /** The RDAP service queried as `<baseUrl>/domain/<name>`. */
  baseUrl: string;
  /** Per lookup, redirects included. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

interface RdapEntity {
  roles?: unknown;
  vcardArray?: unknown;
  handle?: unknown;
  entities?: unknown;
}

/** The jCard "fn" (formatted name) of an RDAP entity, if it has one. */
function formattedName(entity: RdapEntity): string | undefined {
  const card = Array.isArray(entity.vcardArray) ? entity.vcardArray[1] : undefined;
  if (!Array.isArray(card)) return undefined;
  const fn = card.find((property) => Array.isArray(property) && property[0] === 'fn');
  return Array.isArray(fn) && typeof fn[3] === 'string' && fn[3].trim() ? fn[3].trim() : undefined;
}

/** The registrar's name in an RDAP domain response (entities may nest, RFC 9083 §5.1). */
export function registrarNameOf(response: unknown): string | undefined {
  const queue: unknown[] = [response];
  while (queue.length > 0) {
    const item = queue.shift() as RdapEntity | undefined;
    if (!item || typeof item !== 'object') continue;
    const entities = Array.isArray(item.entities) ? (item.entities as RdapEntity[]) : [];
    for (const entity of entities) {
      if (Array.isArray(entity.roles) && entity.roles.includes('registrar')) {
        const name = formattedName(entity) ?? (typeof entity.handle === 'string' ? entity.handle : undefined);
        if (name) return name;
      }
      queue.push(entity);
    }
  }
  return undefined;
}

/** The RDAP adapter of the registrar lookup port. */
export function rdapRegistrarLookup(options: RdapOptions): RegistrarLookup {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async registrarOf(domain: string): Promise<RegistrarLookupResult> {
      let response: Response;
      try {
        response = await doFetch(`${base}/domain/${encodeURIComponent(domain)}`, {
          headers: { accept: 'application/rdap+json, application/json' },
          redirect: 'follow',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        const timedOut =
          error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        return { found: false, reason: timedOut ? 'TIMEOUT' : 'UNAVAILABLE' };
      }
      if (response.status === 404) return { found: false, reason: 'NOT_FOUND' };
      if (!response.ok) return { found: false, reason: 'UNAVAILABLE', detail: `HTTP ${response.status}` };
      let json: unknown;
      try {
        json = await response.json();
      } catch {
        return { found: false, reason: 'MALFORMED', detail: 'not JSON' };
      }
      const registrar = registrarNameOf(json);
      return registrar
        ? { found: true, registrar }
        : { found: false, reason: 'MALFORMED', detail: 'no registrar' };
    },
  };
}
