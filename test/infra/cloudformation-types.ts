/**
 * Which of a template's resource types CloudFormation does not have in a region, from the resource
 * schemas bundled with cfn-lint's validator (the one `cdk synth` runs, @aws/cloudformation-validate,
 * offline). It is how China's missing types (CloudFront functions, origin access control, SES
 * identities, Cognito user pools) are caught before a deploy would fail on them.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../infra/build-app.ts';
import type { Template } from './real-app.ts';

// The validator is aws-cdk-lib's own dependency, not the project's: resolve it from there.
const fromCdk = createRequire(join(PROJECT_ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'));
const validate = fromCdk('@aws/cloudformation-validate') as {
  CompositeEngine: new () => {
    validateTemplate(
      template: unknown,
      config: { pseudoParameterOverrides: { region: string; partition: string } },
    ): { diagnostics: Array<{ message: string }> };
    free(): void;
  };
  TemplateContent: new (content: string) => unknown;
};

export function typesMissingIn(region: string, template: Template): string[] {
  const types = [...new Set(Object.values(template.Resources).map((resource) => resource.Type))];
  // Only the types: properties and references are not what this asks.
  const probe = {
    Resources: Object.fromEntries(types.map((type, i) => [`R${i}`, { Type: type, Properties: {} }])),
  };
  const engine = new validate.CompositeEngine();
  try {
    const report = engine.validateTemplate(new validate.TemplateContent(JSON.stringify(probe)), {
      pseudoParameterOverrides: { region, partition: region.startsWith('cn-') ? 'aws-cn' : 'aws' },
    });
    return report.diagnostics
      .map((d) => /^Resource type '([^']+)' does not exist in/.exec(d.message)?.[1])
      .filter((type): type is string => type !== undefined)
      .sort();
  } finally {
    engine.free();
  }
}
