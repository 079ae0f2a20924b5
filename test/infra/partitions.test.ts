// biome-ignore-all lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON
/**
 * Deployable in each partition, on the real app's templates: China's CloudFront (no cache or
 * response-headers policies, the filed alias with an IAM server certificate), the API's own domain
 * in both partitions with the console's CSP and config.json following it, SMTP on every email
 * function in China, and a China synth that names every key it is missing (docs/deploy.md).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, PROJECT_ROOT } from '../../infra/build-app.ts';
import { CONSOLE_CSP_OUTPUT } from '../../infra/console-files.ts';
import { HANDLERS, handlerConstructId } from '../../infra/handlers.ts';
import { CHINA_EXAMPLE_CONTEXT, CHINA_REQUIRED_CONTEXT } from '../../infra/settings.ts';
import { typesMissingIn } from './cloudformation-types.ts';
import { ofType, synthRealApp, type Template } from './real-app.ts';

const one = (template: Template, type: string) => {
  const found = ofType(template, type);
  expect(found, type).toHaveLength(1);
  return (found[0] as [string, any])[1].Properties as Record<string, any>;
};

/** The console's CSP as the template gives it, intrinsics as JSON: the header (global), the page's (China). */
function consoleCsp(stateless: Template): string {
  const [policy] = ofType(stateless, 'AWS::CloudFront::ResponseHeadersPolicy');
  const value = policy
    ? policy[1].Properties?.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
        .ContentSecurityPolicy
    : stateless.Outputs?.[CONSOLE_CSP_OUTPUT]?.Value;
  expect(value, 'the console CSP').toBeDefined();
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The sources of the CSP's connect-src, each intrinsic as its JSON. */
function connectSources(stateless: Template): string {
  return /connect-src ([^;]*);/.exec(consoleCsp(stateless))?.[1] ?? '';
}

function synthWithContext(context: Record<string, string>) {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8'));
  return () =>
    buildApp({
      app: {
        outdir: mkdtempSync(join(tmpdir(), 'icp-partitions-')),
        context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
      },
    });
}

describe('a China synth without the keys a China deploy needs', () => {
  it('fails with one message naming every missing key and what it is for', () => {
    let message = '';
    try {
      synthWithContext({ partition: 'aws-cn' })();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const [key, why] of Object.entries(CHINA_REQUIRED_CONTEXT)) {
      expect(message).toContain(`${key}: ${why}`);
    }
  });

  it('names only the keys that are missing', () => {
    const { apiDomain: _domain, apiCertificateArn: _certificate, ...rest } = CHINA_EXAMPLE_CONTEXT;
    expect(synthWithContext({ partition: 'aws-cn', ...rest })).toThrow(
      /needs these context keys[\s\S]*apiDomain:[\s\S]*apiCertificateArn:/,
    );
    expect(synthWithContext({ partition: 'aws-cn', ...rest })).not.toThrow(/oidcIssuer:/);
  });

  it('refuses a domain without its certificate, and an ACM certificate for the China console', () => {
    expect(synthWithContext({ apiDomain: 'api.example.com' })).toThrow(/apiDomain and apiCertificateArn/);
    expect(
      synthWithContext({
        partition: 'aws-cn',
        ...CHINA_EXAMPLE_CONTEXT,
        consoleCertificateArn: 'arn:aws-cn:acm:us-east-1:111122223333:certificate/x',
      }),
    ).toThrow(/consoleIamCertificateId/);
  });
});

describe('the China template (real catalogue, example context)', () => {
  let stateful: Template;
  let stateless: Template;
  beforeAll(() => {
    ({ stateful, stateless } = synthRealApp('aws-cn'));
  }, 120_000);

  it('serves the console with no cache or response-headers policy, the legacy cache settings and HTTP/2', () => {
    const config = one(stateless, 'AWS::CloudFront::Distribution').DistributionConfig;
    const text = JSON.stringify(config);
    expect(text).not.toContain('CachePolicyId');
    expect(text).not.toContain('ResponseHeadersPolicyId');
    expect(ofType(stateless, 'AWS::CloudFront::CachePolicy')).toHaveLength(0);
    expect(ofType(stateless, 'AWS::CloudFront::ResponseHeadersPolicy')).toHaveLength(0);
    expect(config.DefaultCacheBehavior.ForwardedValues).toEqual({
      QueryString: false,
      Cookies: { Forward: 'none' },
    });
    expect(config.HttpVersion).toBe('http2');
  });

  it('uses only resource types CloudFormation has in the China regions', () => {
    for (const region of ['cn-north-1', 'cn-northwest-1']) {
      expect(typesMissingIn(region, stateless), region).toEqual([]);
      expect(typesMissingIn(region, stateful), region).toEqual([]);
    }
  });

  it('gives the console its Content-Security-Policy for the page, without frame-ancestors (ignored there)', () => {
    const csp = consoleCsp(stateless);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('frame-ancestors');
  });

  it('serves it on the filed console domain with the IAM server certificate', () => {
    const config = one(stateless, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(config.Aliases).toEqual([CHINA_EXAMPLE_CONTEXT.consoleDomain]);
    expect(config.ViewerCertificate).toEqual({
      IamCertificateId: CHINA_EXAMPLE_CONTEXT.consoleIamCertificateId,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it('serves the API on its filed domain only, and the console calls it there', () => {
    const domain = one(stateless, 'AWS::ApiGatewayV2::DomainName');
    expect(domain.DomainName).toBe(CHINA_EXAMPLE_CONTEXT.apiDomain);
    expect(domain.DomainNameConfigurations[0].CertificateArn).toBe(CHINA_EXAMPLE_CONTEXT.apiCertificateArn);
    const [api] = ofType(stateless, 'AWS::ApiGatewayV2::Api');
    expect(one(stateless, 'AWS::ApiGatewayV2::ApiMapping').ApiId).toEqual({ Ref: api?.[0] });
    expect(one(stateless, 'AWS::ApiGatewayV2::Api').DisableExecuteApiEndpoint).toBe(true);
    const apiUrl = `https://${CHINA_EXAMPLE_CONTEXT.apiDomain}`;
    expect(connectSources(stateless)).toContain(apiUrl);
    expect(connectSources(stateless)).not.toContain('execute-api');
    expect(JSON.stringify(stateless.Outputs?.ConsoleConfig?.Value)).toContain(`apiUrl\\":\\"${apiUrl}`);
    // CORS follows the console's domain when no origins are given.
    expect(one(stateless, 'AWS::ApiGatewayV2::Api').CorsConfiguration.AllowOrigins).toEqual([
      `https://${CHINA_EXAMPLE_CONTEXT.consoleDomain}`,
    ]);
  });

  it('gives every email function the SMTP relay', () => {
    const emailing = HANDLERS.filter((spec) => spec.email);
    expect(emailing.length).toBeGreaterThan(0);
    for (const spec of emailing) {
      const prefix = `${handlerConstructId(spec)}Function`;
      const [[id, fn]] = ofType(stateless, 'AWS::Lambda::Function').filter(([logicalId]) =>
        logicalId.startsWith(prefix),
      ) as [[string, any]];
      expect(fn.Properties.Environment.Variables.SMTP_HOST, id).toBeTruthy();
      expect(fn.Properties.Environment.Variables.EMAIL_TRANSPORT, id).toBe('smtp');
    }
  });
});

describe('the global template (real catalogue)', () => {
  it('without an API domain, calls the execute-api address', () => {
    const { stateless } = synthRealApp('aws');
    expect(ofType(stateless, 'AWS::ApiGatewayV2::DomainName')).toHaveLength(0);
    expect(connectSources(stateless)).toContain('"ApiEndpoint"');
    expect(JSON.stringify(stateless.Outputs?.ConsoleConfig?.Value)).toContain('"ApiEndpoint"');
    expect(consoleCsp(stateless)).toContain("frame-ancestors 'none'");
    expect(one(stateless, 'AWS::CloudFront::Distribution').DistributionConfig.HttpVersion).toBe('http2and3');
  }, 120_000);

  it('with the console and API domains, serves both there and the CSP and config.json follow', () => {
    const { stateless } = synthRealApp('aws', {
      consoleDomain: 'console.example.com',
      consoleCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/console',
      apiDomain: 'api.example.com',
      apiCertificateArn: 'arn:aws:acm:ap-southeast-1:111122223333:certificate/api',
    });
    expect(one(stateless, 'AWS::ApiGatewayV2::DomainName').DomainName).toBe('api.example.com');
    expect(connectSources(stateless)).toContain('https://api.example.com');
    expect(connectSources(stateless)).not.toContain('ApiEndpoint');
    expect(JSON.stringify(stateless.Outputs?.ConsoleConfig?.Value)).toContain('https://api.example.com');
    const config = one(stateless, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(config.Aliases).toEqual(['console.example.com']);
    expect(config.ViewerCertificate.AcmCertificateArn).toContain('certificate/console');
    expect(stateless.Outputs?.ConsoleUrl?.Value).toBe('https://console.example.com');
  }, 120_000);
});
