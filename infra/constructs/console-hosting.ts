import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ConsoleHostingProps {
  /** Origins the console talks to besides itself (the API, the uploads bucket), for the CSP. */
  connectSources: string[];
  /**
   * Origins of the documents the console previews (presigned GETs of the uploads bucket): images in
   * an <img>, PDFs in an <iframe> (console/src/pages/officer-case.tsx), hence img-src and frame-src.
   */
  previewSources: string[];
  domainName?: string;
  certificateArn?: string;
  /** CloudFront in the China regions has no origin access control (CloudFormation type absent): use an OAI there. */
  originAccess: 'control' | 'identity';
}

/**
 * The console's static files: a private bucket read by CloudFront through origin access control,
 * with security headers on every response. The built files are copied by a documented step
 * (`aws s3 sync console/dist …`, docs/deploy.md), not by the stack.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
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

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'ICP console security headers',
      securityHeadersBehavior: {
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
          contentSecurityPolicy: [
            "default-src 'self'",
            `connect-src 'self' ${props.connectSources.join(' ')}`,
            ["img-src 'self' data: blob:", ...props.previewSources].join(' '),
            // Only document previews are framed; nothing else may be (default-src would say 'self').
            `frame-src ${props.previewSources.join(' ') || "'none'"}`,
            "style-src 'self'",
            "script-src 'self'",
            `form-action 'self' ${props.connectSources.join(' ')}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
          ].join('; '),
          override: true,
        },
      },
    });

    const custom = props.domainName && props.certificateArn;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'ICP registration console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin:
          props.originAccess === 'control'
            ? S3BucketOrigin.withOriginAccessControl(this.bucket)
            : S3BucketOrigin.withOriginAccessIdentity(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      // The console is a single-page app: unknown paths render index.html.
      errorResponses: [403, 404].map((status) => ({
        httpStatus: status,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.minutes(1),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      ...(custom
        ? {
            domainNames: [props.domainName as string],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: acm.Certificate.fromCertificateArn(
              this,
              'Certificate',
              props.certificateArn as string,
            ),
          }
        : {}),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Applicants file from abroad as well as from China; no geographic restriction applies.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves static files only; the API enforces auth and throttling itself. A WAF web ACL (us-east-1) can be attached per deployment (docs/deploy.md).',
    });
    if (props.originAccess === 'identity') {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR7',
        reason:
          'CloudFront in the China regions offers no origin access control (AWS::CloudFront::OriginAccessControl is absent there); an origin access identity keeps the bucket private instead.',
      });
    }
    if (!custom) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the default *.cloudfront.net certificate is used, whose TLS policy CloudFront fixes; production sets consoleDomain and consoleCertificateArn (TLSv1.2_2021).',
      });
    }
  }
}
