/** The settings of the strict local S3's checking front (./s3-front.ts). */
import type { LocalCredentials } from './aws/local-credentials.ts';
import type { CorsRule } from './s3-cors.ts';
import type { EncryptionRecords } from './s3-encryption-records.ts';
import type { Authorize, Partition } from './s3-iam.ts';

export interface S3FrontOptions {
  upstream: { host: string; port: number };
  /** The key pair s3rver accepts; used only by the front, to sign what it proxies. */
  upstreamCredentials: { accessKeyId: string; secretAccessKey: string };
  /** s3rver's data folder (keys must resolve inside its bucket folders). */
  directory: string;
  /** Where request bodies wait while they are checked, before s3rver sees them. */
  spoolDirectory: string;
  buckets: readonly string[];
  region: string;
  partition: Partition;
  credentials: LocalCredentials;
  authorize?: Authorize;
  corsRules: readonly CorsRule[];
  maxBodyBytes: number;
  /** Bucket default SSE-KMS key (ARN), for SSE-KMS writes that name none. */
  kmsKeyArns?: Readonly<Record<string, string>>;
  encryption: EncryptionRecords;
  clock: () => Date;
}
