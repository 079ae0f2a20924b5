/**
 * The port through which eligibility learns a domain's registrar: RDAP in AWS
 * (functions/adapters/rdap-registrar-lookup.ts), a fixture on the local stack and in tests
 * (functions/adapters/fixture-registrar-lookup.ts); functions/adapters/from-config.ts chooses.
 */

/** A registrar found, or why none was: a failure never fails the case, an officer checks by hand. */
export type RegistrarLookupResult =
  | { found: true; registrar: string }
  | { found: false; reason: 'NOT_FOUND' | 'UNAVAILABLE' | 'TIMEOUT' | 'MALFORMED'; detail?: string };

export interface RegistrarLookup {
  /** The registrar of a registrable domain (ASCII, e.g. example.com or example.com.cn). */
  registrarOf(registrableDomain: string): Promise<RegistrarLookupResult>;
}
