import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The console's own domain and its certificate, as each partition's CloudFront takes it. */
export type ConsoleDomain =
  | { name: string; acmCertificateArn: string }
  /** China: CloudFront China accepts IAM server certificates only (no ACM). */
  | { name: string; iamCertificateId: string };

export interface ConsoleHostingProps {
  /** Origins the console talks to besides itself (the API, the uploads bucket), for the CSP. */
  connectSources: string[];
  /**
   * Origins of the documents the console previews (presigned GETs of the uploads bucket): images in
   * an <img>, PDFs in an <iframe> (console/src/pages/officer-case.tsx), hence img-src and frame-src.
   */
  previewSources: string[];
  domain: ConsoleDomain | undefined;
  /**
   * CloudFront in the China regions has no origin access control (the CloudFormation type is
   * absent), refuses cache policies ("The parameter CachePolicyId can't be set for this region",
   * aws-cdk issues 13584, 31033) and documents no HTTP/3: an origin access identity, the legacy
   * cache settings and HTTP/2 there.
   */
  partition: 'aws' | 'aws-cn';
}

/**
 * The console's Content-Security-Policy. Global regions send it as a header (the response-headers
 * policy); CloudFront China has neither response-headers policies nor edge functions (the
 * CloudFormation types `AWS::CloudFront::Function` and `OriginAccessControl` do not exist in
 * cn-north-1/cn-northwest-1, and the distribution refuses policy ids there), so China carries it
 * in index.html as a `<meta http-equiv>` (infra/console-files.ts), where `frame-ancestors` is
 * ignored: the console refuses to render inside a frame instead (console/src/main.tsx).
 */
export function contentSecurityPolicy(
  props: Pick<ConsoleHostingProps, 'connectSources' | 'previewSources'>,
  delivery: 'header' | 'meta',
): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${props.connectSources.join(' ')}`,
    ["img-src 'self' data: blob:", ...props.previewSources].join(' '),
    // Only document previews are framed; nothing else may be (default-src would say 'self').
    `frame-src ${props.previewSources.join(' ') || "'none'"}`,
    "style-src 'self'",
    "script-src 'self'",
    `form-action 'self' ${props.connectSources.join(' ')}`,
    ...(delivery === 'header' ? ["frame-ancestors 'none'"] : []),
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** The built console's hashed files (Vite's `assets/` folder), as a CloudFront path pattern. */
export const ASSETS_PATH_PATTERN = 'assets/*';

/**
 * How long a browser keeps each console file: the hashed assets for a year, never revalidated (a new
 * build has new names); index.html and config.json revalidated on every load, so a deploy shows at
 * once. Sent by CloudFront's response-headers policies (global regions), by S3 from the metadata the
 * deploy's sync sets (China, where CloudFront sends no headers of ours: docs/deploy.md), and by the
 * local web server (local/stack/console-files-server.ts).
 */
export const CACHE_CONTROL = {
  asset: 'public, max-age=31536000, immutable',
  page: 'no-cache',
} as const;

/** The console's Cache-Control for a path of the built console (`/assets/x-1a2b.js`, `/`). */
export const cacheControlFor = (path: string): string =>
  /^\/?assets\//.test(path) ? CACHE_CONTROL.asset : CACHE_CONTROL.page;

/** The security headers CloudFront adds to every console response (global regions). */
function securityHeaders(
  props: Pick<ConsoleHostingProps, 'connectSources' | 'previewSources'>,
): cloudfront.ResponseSecurityHeadersBehavior {
  return {
    strictTransportSecurity: {
      accessControlMaxAge: Duration.days(365),
      includeSubdomains: true,
      preload: true,
      override: true,
    },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
    referrerPolicy: {
      referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
      override: true,
    },
    xssProtection: { protection: true, modeBlock: true, override: true },
    contentSecurityPolicy: {
      contentSecurityPolicy: contentSecurityPolicy(props, 'header'),
      override: true,
    },
  };
}

/**
 * The console's static files: a private bucket read by CloudFront, with security headers on every
 * response (global regions) or the CSP in the page (China). The built files are copied by a
 * documented step (`npm run console:files`, `aws s3 sync console/dist …`, docs/deploy.md), not by
 * the stack.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** The console's https origin: its domain, or CloudFront's own name (global regions only). */
  readonly origin: string;
  /** China: the CSP for index.html's `<meta http-equiv>` (a stack output for the deploy step). */
  readonly metaContentSecurityPolicy: string | undefined;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const china = props.partition === 'aws-cn';
    const logBucket = new s3.Bucket(this, 'LogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logs are delivered with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Log bucket for the console bucket and CloudFront; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'console-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Global regions: the headers on every response, errors included; the same security headers
    // for the page and the assets, which differ only in how long a browser may keep them.
    const policy = (id: string, cacheControl: string) =>
      new cloudfront.ResponseHeadersPolicy(this, id, {
        comment: `ICP console security headers (Cache-Control: ${cacheControl})`,
        securityHeadersBehavior: securityHeaders(props),
        customHeadersBehavior: {
          customHeaders: [{ header: 'Cache-Control', value: cacheControl, override: true }],
        },
      });
    const pageHeaders = china ? undefined : policy('SecurityHeaders', CACHE_CONTROL.page);
    const assetHeaders = china ? undefined : policy('AssetHeaders', CACHE_CONTROL.asset);
    this.metaContentSecurityPolicy = china ? contentSecurityPolicy(props, 'meta') : undefined;

    const acmCertificateArn =
      props.domain && 'acmCertificateArn' in props.domain ? props.domain.acmCertificateArn : undefined;
    const origin = china
      ? S3BucketOrigin.withOriginAccessIdentity(this.bucket)
      : S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'ICP registration console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // CachingOptimized compresses (gzip and brotli, by the viewer's Accept-Encoding) and honours
        // the files' own Cache-Control (set by the deploy's sync, docs/deploy.md) up to a year.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED, // replaced in China, below
        compress: true,
        ...(pageHeaders ? { responseHeadersPolicy: pageHeaders } : {}),
      },
      // The built assets: their names carry their content's hash, so they never change.
      ...(china
        ? {}
        : {
            additionalBehaviors: {
              [ASSETS_PATH_PATTERN]: {
                origin,
                viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
                compress: true,
                ...(assetHeaders ? { responseHeadersPolicy: assetHeaders } : {}),
              },
            },
          }),
      // The console is a single-page app: unknown paths render index.html.
      errorResponses: [403, 404].map((status) => ({
        httpStatus: status,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.minutes(1),
      })),
      httpVersion: china ? cloudfront.HttpVersion.HTTP2 : cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.domain && acmCertificateArn
        ? {
            domainNames: [props.domain.name],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', acmCertificateArn),
          }
        : {}),
    });
    const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    if (china) {
      // The legacy cache settings, as CachingOptimized has them: no query string, cookie or header
      // in the key, a day by default, a year at most (the built assets' names carry their hash).
      cfn.addPropertyDeletionOverride('DistributionConfig.DefaultCacheBehavior.CachePolicyId');
      cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ForwardedValues', {
        QueryString: false,
        Cookies: { Forward: 'none' },
      });
      cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.MinTTL', 1);
      cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.DefaultTTL', 86_400);
      cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.MaxTTL', 31_536_000);
    }
    if (props.domain && 'iamCertificateId' in props.domain) {
      // The Distribution construct takes ACM certificates only: the alias and the IAM certificate
      // are written into the template directly.
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domain.name]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.domain.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    this.origin = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Applicants file from abroad as well as from China; no geographic restriction applies.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: china
        ? 'The distribution serves the static console files only (no API, no personal data); the API authenticates, authorizes and throttles every request itself.'
        : 'The distribution serves the static console files only; the API authenticates, authorizes and throttles every request itself. A WAF web ACL (us-east-1) can be attached per deployment (docs/deploy.md).',
    });
    if (china) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR7',
        reason:
          'CloudFront in the China regions offers no origin access control (AWS::CloudFront::OriginAccessControl is absent there); an origin access identity keeps the bucket private instead.',
      });
    }
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the default *.cloudfront.net certificate is used, whose TLS policy CloudFront fixes; production sets consoleDomain and consoleCertificateArn (TLSv1.2_2021).',
      });
    } else if ('iamCertificateId' in props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The viewer certificate is the IAM server certificate consoleIamCertificateId with minimum protocol TLSv1.2_2021, written by a property override (the Distribution construct takes ACM only), which this rule does not read.',
      });
    }
  }
}
