import { CfnOutput, Duration, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import type { HandlerSpec } from '../handlers.ts';
import type { DeploymentSettings } from '../settings.ts';

/**
 * The HTTP API: one catch-all integration to the API handler, throttled, with JSON access logs, and
 * the API's own domain when there is one. `apiUrl` is where the console calls it: the domain, or the
 * execute-api address. Undefined when the catalogue has no API handler.
 */
export function createHttpApi(
  stack: Stack,
  options: {
    settings: DeploymentSettings;
    handlers: readonly HandlerSpec[];
    functions: ReadonlyMap<string, HandlerFunction>;
  },
): { httpApi: apigw.HttpApi; apiUrl: string } | undefined {
  const { settings, handlers, functions } = options;
  const apiSpec = handlers.find((h) => h.trigger === 'http-api');
  const corsOrigins =
    settings.consoleOrigins.length > 0 ? settings.consoleOrigins : ['http://localhost:5173'];
  if (!apiSpec) return undefined;
  const apiHandler = functions.get(apiSpec.entry) as HandlerFunction;
  const httpApi = new apigw.HttpApi(stack, 'HttpApi', {
    description: 'ICP registration API (JWTs verified in the handler)',
    createDefaultStage: false,
    defaultIntegration: new HttpLambdaIntegration('ApiIntegration', apiHandler.function),
    corsPreflight: {
      allowOrigins: corsOrigins,
      allowHeaders: ['authorization', 'content-type'],
      allowMethods: [apigw.CorsHttpMethod.ANY],
      maxAge: Duration.hours(1),
    },
  });
  // Who called what and when (audit-relevant): retained, and still expired by its retention.
  const accessLogs = new logs.LogGroup(stack, 'HttpApiAccessLogs', {
    retention: settings.logRetentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const stage = new apigw.HttpStage(stack, 'HttpApiStage', {
    httpApi: httpApi,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: 50, burstLimit: 100 },
    accessLogSettings: {
      destination: new apigw.LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          requestTime: '$context.requestTime',
          httpMethod: '$context.httpMethod',
          routeKey: '$context.routeKey',
          status: '$context.status',
          protocol: '$context.protocol',
          responseLength: '$context.responseLength',
          integrationError: '$context.integrationErrorMessage',
          latency: '$context.responseLatency',
        }),
      ),
    },
  });
  // The API's own domain: in China the only address that serves the public (an ICP-filed
  // domain); then the execute-api address is switched off, so there is one way in.
  if (settings.apiDomain && settings.apiCertificateArn) {
    const domain = new apigw.DomainName(stack, 'ApiDomain', {
      domainName: settings.apiDomain,
      certificate: acm.Certificate.fromCertificateArn(stack, 'ApiCertificate', settings.apiCertificateArn),
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });
    new apigw.ApiMapping(stack, 'ApiDomainMapping', { api: httpApi, domainName: domain, stage });
    (httpApi.node.defaultChild as apigw.CfnApi).disableExecuteApiEndpoint = true;
    new CfnOutput(stack, 'ApiDomainTarget', {
      description: `The CNAME target of ${settings.apiDomain}`,
      value: domain.regionalDomainName,
    });
  }
  const apiUrl = settings.apiDomain ? `https://${settings.apiDomain}` : httpApi.apiEndpoint;
  new CfnOutput(stack, 'ApiUrl', { value: apiUrl });
  Validations.of(httpApi).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'Routes are authorised in the API handler: it verifies OIDC JWTs (Cognito, or the configured issuer in China where Cognito is absent) and the role claim per route.',
  });
  return { httpApi, apiUrl };
}
