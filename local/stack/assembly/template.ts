/**
 * The shapes of a synthesized CloudFormation template and of the local "deployment" it is resolved
 * for (partition, region, account), shared by the resolver (intrinsics.ts) and the assembly reader.
 */
export type Partition = 'aws' | 'aws-cn';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  Metadata?: Record<string, unknown>;
  DependsOn?: unknown;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Parameters?: Record<string, { Default?: unknown }>;
  /** Resolved templates only: what `Ref` returns for each logical id (names not in the template). */
  Refs?: Record<string, string>;
}

export interface StackTemplate {
  stackName: string;
  template: CfnTemplate;
}

export interface LocalDeployment {
  partition: Partition;
  region: string;
  accountId: string;
}

export const LOCAL_ACCOUNT_ID = '000000000000';

/** The URL suffix of a partition (AWS::URLSuffix). */
export const urlSuffix = (partition: Partition) =>
  partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
