import type { WorkflowCallbacks } from '#adapters/workflow-client';
import type { CaseRepository } from '#domain/case-repository';
import type { RegistrarLookup } from '#domain/registrar-lookup';

/** What the workflow's task functions work with; handlers build it from config, tests from emulators. */
export interface WorkflowDependencies {
  /** The case store; emails go into its outbox (the outbox sender delivers them). */
  store: CaseRepository;
  /** Resumes a parked step when the applicant already finished it (documents complete before parking). */
  callbacks: WorkflowCallbacks;
  /** The applicant portal's base URL, for links in emails. */
  portalUrl: string;
  /** The provider's address ranges a filed site must be hosted in. */
  hostingCidrs: readonly string[];
  /** Who a domain's registrar is (RDAP in AWS, a fixture locally): CheckEligibility's registrar check. */
  registrars: RegistrarLookup;
  now: () => Date;
}
