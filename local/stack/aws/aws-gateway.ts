/**
 * The one loopback endpoint the local functions' AWS SDK clients talk to for DynamoDB, Step
 * Functions, Secrets Manager and SES. Each request is authenticated (SigV4 with a key the local
 * stack issued, ./sigv4.ts), mapped to the IAM actions and resources AWS would authorize
 * (../iam/aws-request-actions.ts) and checked against the caller's role's policies from the
 * templates. A denial is answered exactly as the service answers it, so the SDK raises the same
 * AccessDeniedException; an allowed request goes on, unchanged, to the stand-in (dynalite, the
 * embedded Step Functions engine's server, the Secrets Manager and SES stand-ins).
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthorizationDecision, AuthorizationRequest, Authorizer } from '../iam/authorizer.ts';
import {
  permissionsForJsonRequest,
  type RequiredPermission,
  sesPermissions,
} from '../iam/aws-request-actions.ts';
import type { AwsScope } from '../iam/resolved-template.ts';
import type { LocalCredentials } from './local-credentials.ts';
import {
  type JsonProtocolVersion,
  jsonError,
  type LocalServiceHandler,
  type LocalServiceResponse,
  parseJsonBody,
  restJsonError,
} from './local-service.ts';
import { AwsAuthError, verifySigV4 } from './sigv4.ts';
import { parseCredentialScope } from './sigv4-primitives.ts';

/** A stand-in reached over HTTP (its base URL) or called in-process. */
export type Upstream = string | LocalServiceHandler;

export type GatewayService = 'dynamodb' | 'states' | 'secretsmanager' | 'ses';

export interface GatewayLogger {
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface AwsGatewayOptions extends AwsScope {
  /** 0 or omitted: a free port. */
  port?: number;
  /** The keys the local stack issued (one per Lambda role, the operator's). */
  credentials: LocalCredentials;
  /** The IAM decision: an Authorizer (its `explain` gives AWS's message) or a plain predicate. */
  authorize: Authorizer | ((request: AuthorizationRequest) => Promise<boolean | AuthorizationDecision>);
  upstreams: Partial<Record<GatewayService, Upstream>>;
  /** Secrets Manager: the ARN of a secret given by name (the stand-in's `arnOf`). */
  secretArnOf?: (secretId: string) => string | undefined;
  /** SES: the verified identities (the stand-in's `identities`), to name the identity ARN evaluated. */
  sesIdentities?: readonly string[];
  logger?: GatewayLogger;
  /** Request size caps in bytes, per service (defaults: 16 MB; SES 56 MB). */
  bodyLimits?: Partial<Record<GatewayService, number>>;
}

export interface AwsGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MB = 1024 * 1024;
/** Request size caps: DynamoDB's 16 MB request limit; SES v2's 40 MB message, base64 in JSON. */
const BODY_LIMITS: Record<GatewayService, number> = {
  dynamodb: 16 * MB,
  states: 16 * MB,
  secretsmanager: 16 * MB,
  ses: 56 * MB,
};

const TARGET_PREFIXES: Record<
  Exclude<GatewayService, 'ses'>,
  { prefix: string; version: JsonProtocolVersion }
> = {
  dynamodb: { prefix: 'DynamoDB_20120810.', version: '1.0' },
  states: { prefix: 'AWSStepFunctions.', version: '1.0' },
  secretsmanager: { prefix: 'secretsmanager.', version: '1.1' },
};

const isGatewayService = (service: string): service is GatewayService =>
  service === 'dynamodb' || service === 'states' || service === 'secretsmanager' || service === 'ses';

const INVALID_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/**
 * The error a JSON / REST-JSON service gives for a SigV4 failure (./sigv4.ts names them as S3 does).
 */
function serviceAuthError(error: AwsAuthError): { code: string; message: string } {
  switch (error.code) {
    case 'MissingAuthenticationToken':
      return { code: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
    case 'InvalidAccessKeyId':
    case 'InvalidToken':
      return { code: 'UnrecognizedClientException', message: INVALID_TOKEN };
    case 'SignatureDoesNotMatch':
    case 'XAmzContentSHA256Mismatch':
      return { code: 'InvalidSignatureException', message: INVALID_SIGNATURE };
    case 'RequestTimeTooSkewed':
    case 'RequestExpired':
      return { code: 'InvalidSignatureException', message: `Signature expired: ${error.message}` };
    case 'IncompleteSignature':
    case 'AuthorizationHeaderMalformed':
    case 'InvalidRequest':
      return { code: 'IncompleteSignatureException', message: error.message };
    default:
      return { code: 'InvalidSignatureException', message: error.message };
  }
}

function serviceOfUnsigned(req: IncomingMessage): GatewayService | undefined {
  const target = String(req.headers['x-amz-target'] ?? '');
  for (const [service, { prefix }] of Object.entries(TARGET_PREFIXES)) {
    if (target.startsWith(prefix)) return service as GatewayService;
  }
  return (req.url ?? '').startsWith('/v2/email/') ? 'ses' : undefined;
}

/** The session ARN AWS names in messages: a role's key acts as an assumed-role session of it. */
export function callerArnOf(principalArn: string): string {
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principalArn);
  return role ? `arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/${role[3]}` : principalArn;
}

const defaultLogger: GatewayLogger = {
  warn: (message, ...extra) =>
    process.stderr.write(`${JSON.stringify(Object.assign({ level: 'WARN', message }, ...extra))}\n`),
  error: (message, ...extra) =>
    process.stderr.write(`${JSON.stringify(Object.assign({ level: 'ERROR', message }, ...extra))}\n`),
};

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/**
 * Reads the body up to `limit` bytes; undefined when it is larger. The rest of a larger body is
 * read and dropped, so the client still gets the 413 rather than a reset connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (size <= limit) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: LocalServiceResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

export async function startAwsGateway(options: AwsGatewayOptions): Promise<AwsGateway> {
  const scope: AwsScope = {
    partition: options.partition,
    region: options.region,
    accountId: options.accountId,
  };
  const logger = options.logger ?? defaultLogger;
  const agent = new Agent({ keepAlive: true });
  const decide = async (request: AuthorizationRequest): Promise<AuthorizationDecision> => {
    const { authorize } = options;
    const answer =
      typeof authorize === 'function' ? await authorize(request) : await authorize.explain(request);
    if (typeof answer !== 'boolean') return answer;
    return answer
      ? { allowed: true, result: 'Allowed', policies: [] }
      : {
          allowed: false,
          result: 'ImplicitlyDenied',
          deniedBy: { policyType: 'identity-based policy', explicit: false },
          policies: [],
        };
  };

  const errorFor = (service: GatewayService | undefined, status: number, code: string, message: string) => {
    if (service === 'ses') return restJsonError(status === 400 ? 403 : status, code, message);
    const version = service ? TARGET_PREFIXES[service].version : '1.0';
    return jsonError(status, code, message, version);
  };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    upstream: Upstream,
    body: Buffer,
    principalArn: string,
  ) => {
    if (typeof upstream === 'function') {
      return upstream({
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body,
        principalArn,
      }).then((response) => send(res, response));
    }
    return new Promise<void>((resolve, reject) => {
      const target = new URL(req.url ?? '/', upstream);
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'host') headers[name] = value;
      }
      headers.host = target.host;
      headers['content-length'] = String(body.length);
      const outgoing = httpRequest(target, { method: req.method, headers, agent }, (incoming) => {
        const responseHeaders: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) responseHeaders[name] = value;
        }
        res.writeHead(incoming.statusCode ?? 502, responseHeaders);
        incoming.pipe(res);
        incoming.on('end', resolve);
        incoming.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const authorization = String(req.headers.authorization ?? '');
    const declared = parseCredentialScope(/Credential=([^,\s]+)/.exec(authorization)?.[1] ?? '')?.service;
    // Before the signature is checked the service is what the request says it is: the credential
    // scope, else the target or path (so an unsigned request gets its service's error format).
    const declaredService = declared && isGatewayService(declared) ? declared : serviceOfUnsigned(req);
    const capped = declaredService ?? 'dynamodb';
    const limit = options.bodyLimits?.[capped] ?? BODY_LIMITS[capped];
    const body = await readBody(req, limit);
    if (!body) {
      res.setHeader('connection', 'close');
      return send(
        res,
        errorFor(declaredService, 413, 'RequestEntityTooLarge', `Request body exceeds ${limit} bytes`),
      );
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);

    let caller: Awaited<ReturnType<typeof verifySigV4>>;
    try {
      caller = await verifySigV4(
        { method: req.method ?? 'GET', url, headers: req.headers, body },
        options.credentials,
      );
    } catch (error) {
      if (!(error instanceof AwsAuthError)) throw error;
      const { code, message } = serviceAuthError(error);
      return send(res, errorFor(declaredService, 400, code, message));
    }
    const service = caller.service;
    if (!isGatewayService(service))
      return send(
        res,
        errorFor(
          undefined,
          400,
          'UnknownOperationException',
          `The local AWS gateway does not serve ${service}`,
        ),
      );
    if (caller.region !== scope.region)
      return send(
        res,
        errorFor(service, 400, 'InvalidSignatureException', 'Credential should be scoped to a valid region.'),
      );
    const upstream = options.upstreams[service];
    if (!upstream)
      return send(
        res,
        errorFor(service, 400, 'UnknownOperationException', `No local stand-in for ${service}`),
      );

    const principalArn = callerArnOf(caller.credential.principalArn);
    const actionOptions = {
      ...scope,
      secretArnOf: options.secretArnOf,
      sesIdentities: options.sesIdentities,
    };
    const parsed = parseJsonBody(body);
    let permissions: RequiredPermission[];
    if (service === 'ses') {
      permissions = sesPermissions(req.method ?? 'GET', url.pathname, parsed, actionOptions);
    } else {
      const target = String(req.headers['x-amz-target'] ?? '');
      const { prefix } = TARGET_PREFIXES[service];
      if (!target.startsWith(prefix))
        return send(res, errorFor(service, 400, 'UnknownOperationException', `Unknown operation ${target}`));
      // A body that is not JSON names no resource; the service answers it with its own error.
      permissions = parsed === undefined ? [] : permissionsForJsonRequest(target, parsed, actionOptions);
    }

    for (const permission of permissions) {
      const request = { principalArn, ...permission };
      const decision = await decide(request);
      if (decision.allowed) continue;
      const deniedBy = decision.deniedBy ?? { policyType: 'identity-based policy', explicit: false };
      logger.warn('AWS call denied by IAM', {
        principal: principalArn,
        action: permission.action,
        resource: permission.resource,
        deniedBy: `${deniedBy.explicit ? 'explicit deny in' : 'no allow in'} ${deniedBy.policyType}`,
        policies: decision.policies,
      });
      if (service === 'ses') {
        // SES words its denials in its own, older format.
        return send(
          res,
          restJsonError(
            403,
            'AccessDeniedException',
            `User \`${principalArn}' is not authorized to perform \`${permission.action}' on resource \`${permission.resource}'`,
          ),
        );
      }
      const message =
        decision.message ??
        `User: ${principalArn} is not authorized to perform: ${permission.action} on resource: ${permission.resource} because no identity-based policy allows the ${permission.action} action`;
      return send(
        res,
        jsonError(
          400,
          'AccessDeniedException',
          message,
          TARGET_PREFIXES[service].version,
          'com.amazon.coral.service#AccessDeniedException',
        ),
      );
    }

    try {
      await forward(req, res, upstream, body, principalArn);
    } catch (error) {
      logger.error('AWS gateway: the local stand-in failed', {
        service,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent)
        send(res, errorFor(service, 500, 'InternalFailure', `The local ${service} stand-in failed`));
      else res.destroy();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('AWS gateway: request failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent)
        send(res, jsonError(500, 'InternalFailure', 'The local AWS gateway failed', '1.0'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
