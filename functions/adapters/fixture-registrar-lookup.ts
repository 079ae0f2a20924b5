/**
 * The registrar lookup of the local stack and the tests: no network, answers from a table. Domains
 * not in the table are at an accredited registrar, so every sample application passes; a domain
 * whose first label ends in `-abroad` is at a foreign registrar, and one ending in `-rdap-down`
 * cannot be looked up, so both outcomes can be tried on `npm start` (README, "Registrar check").
 */
import type { RegistrarLookup, RegistrarLookupResult } from '#domain/registrar-lookup';

/** What the fixture answers for domains it has no entry for. */
export const FIXTURE_DEFAULT_REGISTRAR = 'Alibaba Cloud Computing (Beijing) Co., Ltd.';
/** A foreign registrar's RDAP name, as GoDaddy's entries give it. */
export const FIXTURE_FOREIGN_REGISTRAR = 'GoDaddy.com, LLC';

/** A fixture lookup; `table` maps registrable domains to registrar names. */
export function fixtureRegistrarLookup(table: Readonly<Record<string, string>> = {}): RegistrarLookup {
  return {
    async registrarOf(domain: string): Promise<RegistrarLookupResult> {
      const known = table[domain];
      if (known !== undefined) return { found: true, registrar: known };
      const firstLabel = domain.split('.')[0] ?? '';
      if (firstLabel.endsWith('-rdap-down'))
        return { found: false, reason: 'UNAVAILABLE', detail: 'fixture' };
      if (firstLabel.endsWith('-abroad')) return { found: true, registrar: FIXTURE_FOREIGN_REGISTRAR };
      return { found: true, registrar: FIXTURE_DEFAULT_REGISTRAR };
    },
  };
}
