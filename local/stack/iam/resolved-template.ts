/**
 * The shape the IAM evaluation and the AWS stand-ins read: a synthesized CloudFormation template
 * whose intrinsics are already resolved to local values (local/stack/assembly/intrinsics.ts), plus
 * the `Ref` value of each resource where the template itself does not carry it.
 */

export interface ResolvedResource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON per resource type.
  Properties?: any;
}

export interface ResolvedTemplate {
  Resources: Record<string, ResolvedResource>;
  /**
   * What `Ref` returns for each logical id, as the resolver named the resource
   * (`TemplateResolver.ref`). A resolved template keeps no trace of the names of resources it does
   * not name itself, so this is how a role's inline policies find their role, a key policy its key
   * ARN, and a secret without `Name` its ARN.
   */
  Refs?: Record<string, string>;
}

/** Account, region and partition of the local "deployment". */
export interface AwsScope {
  partition: string;
  region: string;
  accountId: string;
}

/** Every resource of `type` in the templates, with its logical id and template. */
export function resourcesOfType(
  templates: readonly ResolvedTemplate[],
  type: string,
): { logicalId: string; resource: ResolvedResource; template: ResolvedTemplate }[] {
  return templates.flatMap((template) =>
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ logicalId, resource, template })),
  );
}

/** Thrown when a template holds something the local stack cannot model faithfully. */
export class TemplateModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateModelError';
  }
}
