/**
 * What the Lambda bundles use in place of `@aws-sdk/credential-provider-node` (swapped in at bundle
 * time, see `lambdaAliases` in infra/constructs/bundling.ts; the local stack and tests keep the full chain).
 *
 * Lambda gives a function its execution role's credentials in environment variables, and the SDK's
 * default chain finds them there first. The rest of that chain (SSO, INI files, login, process,
 * web identity, container and instance metadata, and the STS and SSO clients behind them) is about
 * 95 KB in every bundle that a function never runs. The SDK cannot tree-shake it because every
 * client's runtime config imports the chain whether or not `credentials` is given
 * (aws/aws-sdk-js-v3#5516).
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** Same name and shape as the chain's export: called once per client with its config. */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
