// biome-ignore-all lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON
/**
 * The console from CloudFront, global regions: compressed (gzip and brotli), the hashed assets
 * cached for a year and immutable, the page revalidated, with the same security headers, CSP
 * included, on both. China has no response-headers policies: there S3 sends the Cache-Control the
 * deploy's sync sets (docs/deploy.md), and partitions.test.ts checks the legacy settings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ASSETS_PATH_PATTERN,
  CACHE_CONTROL,
  cacheControlFor,
} from '../../infra/constructs/console-hosting.ts';
import { ofType, synthRealApp, type Template } from './real-app.ts';

// The managed policy CachingOptimized: gzip and brotli in the cache key, honours the origin's
// Cache-Control up to a year (docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html).
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

describe('the console behind CloudFront (global regions)', () => {
  let stateless: Template;
  let distribution: Record<string, any>;
  let policies: Map<string, Record<string, any>>;
  beforeAll(() => {
    ({ stateless } = synthRealApp('aws'));
    const [found] = ofType(stateless, 'AWS::CloudFront::Distribution');
    distribution = (found as [string, any])[1].Properties.DistributionConfig;
    policies = new Map(
      ofType(stateless, 'AWS::CloudFront::ResponseHeadersPolicy').map(([id, r]) => [
        id,
        (r as any).Properties.ResponseHeadersPolicyConfig,
      ]),
    );
  }, 120_000);

  const policyOf = (behavior: any): any => policies.get(behavior.ResponseHeadersPolicyId?.Ref);
  const cacheControlOf = (policy: any) =>
    policy.CustomHeadersConfig.Items.find((i: any) => i.Header === 'Cache-Control');

  it('compresses the page and the assets with a cache policy that takes gzip and brotli', () => {
    const assets = distribution.CacheBehaviors.find((b: any) => b.PathPattern === ASSETS_PATH_PATTERN);
    for (const behavior of [distribution.DefaultCacheBehavior, assets]) {
      expect(behavior.Compress).toBe(true);
      expect(behavior.CachePolicyId).toBe(CACHING_OPTIMIZED);
    }
  });

  it('sends the hashed assets as immutable for a year and the page as no-cache, overriding the origin', () => {
    const assets = distribution.CacheBehaviors.find((b: any) => b.PathPattern === 'assets/*');
    expect(cacheControlOf(policyOf(assets))).toEqual({
      Header: 'Cache-Control',
      Value: 'public, max-age=31536000, immutable',
      Override: true,
    });
    expect(cacheControlOf(policyOf(distribution.DefaultCacheBehavior))).toEqual({
      Header: 'Cache-Control',
      Value: 'no-cache',
      Override: true,
    });
  });

  it('keeps the security headers, CSP included, exactly the same on the page and the assets', () => {
    const assets = distribution.CacheBehaviors.find((b: any) => b.PathPattern === ASSETS_PATH_PATTERN);
    const page = policyOf(distribution.DefaultCacheBehavior).SecurityHeadersConfig;
    expect(policyOf(assets).SecurityHeadersConfig).toEqual(page);
    const csp = JSON.stringify(page.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('gives each built file its Cache-Control by path, as the deploy sync and the local server send it', () => {
    expect(cacheControlFor('/assets/index-BVLBIsTG.js')).toBe(CACHE_CONTROL.asset);
    expect(cacheControlFor('assets/pdf.worker.min-1a2b3c4d.mjs')).toBe(CACHE_CONTROL.asset);
    expect(cacheControlFor('/')).toBe(CACHE_CONTROL.page);
    expect(cacheControlFor('/index.html')).toBe(CACHE_CONTROL.page);
    expect(cacheControlFor('/config.json')).toBe(CACHE_CONTROL.page);
  });
});
