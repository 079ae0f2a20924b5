/**
 * Test helper: the local stack's cloud assembly of a partition (synthesized by the test run's
 * global setup, test/support/synthesize-assemblies.ts) with its intrinsics resolved by the local
 * stack's own resolver, so the IAM and stand-in tests read the real roles, policies and secrets.
 */
import { loadCloudAssembly } from '#stack/assembly/cloud-assembly';
import { cachedAssemblyDir } from '#stack/assembly/synthesize';
import { LOCAL_ACCOUNT_ID } from '#stack/assembly/template';
import type { ResolvedTemplate } from '#stack/iam/resolved-template';

export const ACCOUNT_ID = LOCAL_ACCOUNT_ID;

type StackName = 'IcpStateful' | 'IcpStateless';

export interface LocalDeploymentTemplates {
  partition: 'aws' | 'aws-cn';
  region: string;
  accountId: string;
  stateful: ResolvedTemplate;
  stateless: ResolvedTemplate;
  /** Ref of the resource whose logical id is `logicalIdPrefix` and CDK's hash (or starts with it). */
  ref(stack: StackName, logicalIdPrefix: string): string;
  /** Fn::GetAtt <logical id>.Arn of that resource. */
  arn(stack: StackName, logicalIdPrefix: string): string;
}

export function loadResolvedTemplates(partition: 'aws' | 'aws-cn'): LocalDeploymentTemplates {
  const assembly = loadCloudAssembly(cachedAssemblyDir(partition));
  const { resolver } = assembly;
  const find = (stackName: StackName, prefix: string) => {
    const stack = resolver.stack(stackName);
    // CDK appends an 8-digit hash to the construct path: `IcpCaseStateMachine` is not
    // `IcpCaseStateMachineRole…`.
    const ids = Object.keys(stack.template.Resources);
    const logicalId =
      ids.find((id) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id)) ??
      ids.find((id) => id.startsWith(prefix));
    if (!logicalId) throw new Error(`${stackName} has no resource ${prefix}…`);
    return { stack, logicalId };
  };
  return {
    partition,
    region: assembly.region,
    accountId: assembly.accountId,
    stateful: resolver.resolvedTemplate(resolver.stack('IcpStateful')),
    stateless: resolver.resolvedTemplate(resolver.stack('IcpStateless')),
    ref: (stackName, prefix) => {
      const { stack, logicalId } = find(stackName, prefix);
      return resolver.ref(stack, logicalId);
    },
    arn: (stackName, prefix) => {
      const { stack, logicalId } = find(stackName, prefix);
      return resolver.attribute(stack, logicalId, 'Arn');
    },
  };
}
