/**
 * The assembly's Lambda functions on this machine: each starts lazily, on its first invocation, in
 * the Node 22 sandbox (lambda/lambda-function.ts) with what Lambda would give it — its template's
 * environment (localized by the caller), the role's session credentials named after the function,
 * and where this machine's AWS endpoints are. A version or alias ARN runs the function's one local
 * deployment.
 */
import type { AssemblyFunction, CloudAssembly } from './assembly/cloud-assembly.ts';
import type { LocalCredentials } from './aws/local-credentials.ts';
import { type InvokeOutcome, type LocalLambda, startLambdaFunction } from './lambda/lambda-function.ts';

/** Execution environments per function on one machine, fewer when the template reserves fewer. */
const LOCAL_CONCURRENCY = 4;

export interface LocalEndpointUrls {
  /** The AWS endpoint (DynamoDB, Step Functions, Secrets Manager, SES). */
  aws: string;
  s3: string;
}

export interface LocalFunctionsOptions {
  assembly: CloudAssembly;
  credentials: LocalCredentials;
  /** The function's own variables, as a deployment would set them (secrets resolved, addresses localized). */
  templateEnvironment(spec: AssemblyFunction): Record<string, string>;
  /** The endpoints, once they listen: no function starts before (the engine may resume executions first). */
  endpoints: Promise<LocalEndpointUrls>;
  /** The local CA the functions trust, as they trust public CAs in AWS. */
  caCertFile: string;
}

export interface LocalFunctions {
  /** The function behind a (possibly qualified) ARN, started on first use. */
  lambdaOf(arn: string): Promise<LocalLambda>;
  invoke(arn: string, event: unknown): Promise<InvokeOutcome>;
  /** The function's definition in the assembly, by (possibly qualified) ARN. */
  specOf(arn: string): AssemblyFunction | undefined;
  close(): Promise<void>;
}

const unqualified = (arn: string) => arn.split(':').slice(0, 7).join(':');

export function localFunctions(options: LocalFunctionsOptions): LocalFunctions {
  const { assembly, credentials } = options;
  const started = new Map<string, Promise<LocalLambda>>();
  const specs = new Map(assembly.functions.map((spec) => [spec.arn, spec]));

  const start = async (spec: AssemblyFunction): Promise<LocalLambda> => {
    const urls = await options.endpoints;
    const key = credentials.issue(sessionArnOf(spec.roleArn, spec.name), { session: true });
    return startLambdaFunction({
      functionName: spec.name,
      functionArn: spec.arn,
      assetDir: spec.assetDir,
      handler: spec.handler,
      environment: {
        ...options.templateEnvironment(spec),
        NODE_EXTRA_CA_CERTS: options.caCertFile,
        AWS_REGION: assembly.region,
        AWS_DEFAULT_REGION: assembly.region,
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        ...(key.sessionToken ? { AWS_SESSION_TOKEN: key.sessionToken } : {}),
        // The functions' own endpoint settings for DynamoDB, S3 and Step Functions, and the SDK's
        // standard variable for the rest (Secrets Manager, SES).
        DYNAMODB_ENDPOINT: urls.aws,
        SFN_ENDPOINT: urls.aws,
        S3_ENDPOINT: urls.s3,
        AWS_ENDPOINT_URL: urls.aws,
        // No registry is reachable from a laptop's demo: the registrar check answers from a fixture.
        REGISTRAR_LOOKUP: 'fixture',
      },
      timeoutSeconds: spec.timeoutSeconds,
      memorySizeMb: spec.memorySizeMb,
      // Invocations past it wait, where AWS would throttle.
      maxConcurrency: Math.min(LOCAL_CONCURRENCY, spec.reservedConcurrency ?? LOCAL_CONCURRENCY),
      log: functionLog,
    });
  };

  const specOf = (arn: string) => specs.get(unqualified(arn));
  const lambdaOf = (arn: string): Promise<LocalLambda> => {
    const spec = specOf(arn);
    if (!spec) return Promise.reject(new Error(`No function ${arn} in the assembly`));
    let lambda = started.get(spec.arn);
    if (!lambda) {
      lambda = start(spec);
      started.set(spec.arn, lambda);
    }
    return lambda;
  };
  return {
    lambdaOf,
    specOf,
    invoke: async (arn, event) => (await lambdaOf(arn)).invoke(event),
    close: async () => {
      await Promise.all([...started.values()].map(async (lambda) => (await lambda).close()));
    },
  };
}

/** `arn:p:iam::a:role/Name` → `arn:p:sts::a:assumed-role/Name/<session>`, as Lambda names its session. */
function sessionArnOf(roleArn: string, session: string): string {
  const [, partition, , , account, resource = ''] = roleArn.split(':');
  return `arn:${partition}:sts::${account}:assumed-role/${resource.split('/').pop()}/${session}`;
}

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/**
 * Writes a function's log line (prefixed with its name) to stderr, leaving out JSON log entries
 * below the local stack's own LOG_LEVEL: the functions log at their template's level, as in AWS,
 * and a test run that asks for WARN is not flooded with every request.
 */
function functionLog(line: string): void {
  const threshold = LEVELS.indexOf(process.env.LOG_LEVEL ?? 'INFO');
  const level = /"level":"([A-Z]+)"/.exec(line)?.[1];
  if (level !== undefined && LEVELS.indexOf(level) < threshold) return;
  process.stderr.write(`${line}\n`);
}
