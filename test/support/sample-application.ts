import { type Application, applicationSchema } from '#domain/application';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';

/**
 * A sample application as a case stores it (parsed by the domain's schema), for tests and
 * benchmarks that create cases in the store directly.
 */
export function sampleApplication(name: keyof typeof SAMPLE_APPLICATIONS = 'chineseIndividual'): Application {
  return applicationSchema().parse(SAMPLE_APPLICATIONS[name]);
}
