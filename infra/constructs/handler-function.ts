import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HandlerSpec } from '../handlers.ts';
import {
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
  externalModules,
  lambdaAliases,
  MAIN_FIELDS,
  MINIFY,
  SOURCE_MAP,
} from './bundling.ts';

export interface HandlerFunctionProps {
  spec: HandlerSpec;
  projectRoot: string;
  environment: Record<string, string>;
  logRetentionDays: number;
  tracing: boolean;
  /** Decides which email transport is bundled. */
  partition: 'aws' | 'aws-cn';
  /**
   * Publishes each deploy's code and configuration as a Lambda version and points an alias of this
   * name at it (state machine tasks: callers invoke the alias, never the unqualified function).
   * Earlier versions are retained, so the alias can be pointed back (docs/operations.md, Roll back).
   */
  alias?: string;
}

/**
 * A handler with the house defaults: nodejs22.x on arm64, minified ESM bundle, its own log group
 * (retained, with retention), JSON logs, the catalogue's reserved concurrency, and a role that
 * starts with only the right to write to that log group (no managed policies); callers add exactly
 * the statements the handler needs. With `alias`, every deploy publishes a version behind that alias.
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** The alias callers invoke, when `alias` is set: its ARN is the function's ARN qualified by the alias name. */
  readonly alias: lambda.Alias | undefined;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { spec } = props;
    // Kept when the stack is deleted or the group replaced: the logs are the record of what was
    // done to each case. Retention still expires them, orphaned or not.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${spec.entry}: ${spec.description}`.slice(0, 1000),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry: `${props.projectRoot}/${spec.entry}`,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      description: spec.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memorySize ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 30),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      reservedConcurrentExecutions: spec.reservedConcurrency,
      // Versions outlive the deploy that replaces them: rolling back is pointing the alias at one.
      ...(props.alias ? { currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN } } : {}),
      environment: {
        ...(SOURCE_MAP ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        POWERTOOLS_SERVICE_NAME: `icp-${spec.entry.split('/').pop()?.replace(/\.ts$/, '')}`,
        LOG_LEVEL: 'INFO',
        ...props.environment,
        ...spec.env,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        mainFields: MAIN_FIELDS,
        banner: ESM_REQUIRE_BANNER,
        minify: MINIFY,
        sourceMap: SOURCE_MAP,
        externalModules: externalModules(props.partition),
        esbuildArgs: Object.fromEntries(
          Object.entries(lambdaAliases(props.projectRoot, props.partition)).map(([from, to]) => [
            `--alias:${from}`,
            to,
          ]),
        ),
      },
    });
    // `Function.currentVersion` gets a new logical id whenever the code or configuration changes, so
    // each such deploy publishes a version and moves the alias (`Version.addAlias` would replace the
    // alias every time instead, and its ARN is what the state machine's definitions call).
    this.alias = props.alias
      ? new lambda.Alias(this, 'Alias', {
          aliasName: props.alias,
          version: this.function.currentVersion,
          description: 'What callers invoke: the version the last deploy published (docs/operations.md).',
        })
      : undefined;
  }
}
