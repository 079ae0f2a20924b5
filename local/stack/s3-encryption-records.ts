/**
 * The server-side encryption each object was written with. s3rver drops SSE headers, but S3 keeps
 * them with the object: reads answer them and an SSE-KMS read needs kms:Decrypt on the object's key.
 * Kept in one JSON file in s3rver's folder (a file, so s3rver never lists it as a bucket).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EncryptionRecord {
  /** 'AES256' | 'aws:kms' | 'aws:kms:dsse' */
  sse: string;
  /** The KMS key ARN of an SSE-KMS object. */
  kmsKeyArn?: string;
}

export class EncryptionRecords {
  private readonly file: string;
  private readonly records: Map<string, EncryptionRecord>;

  constructor(directory: string) {
    this.file = join(directory, '.strict-s3-encryption.json');
    this.records = new Map(
      existsSync(this.file)
        ? Object.entries(JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, EncryptionRecord>)
        : [],
    );
  }

  /** S3 encrypts every object; without SSE headers it is SSE-S3 (AES256). */
  get(bucket: string, key: string): EncryptionRecord {
    return this.records.get(`${bucket}/${key}`) ?? { sse: 'AES256' };
  }

  set(bucket: string, key: string, record: EncryptionRecord): void {
    this.records.set(`${bucket}/${key}`, record);
    this.save();
  }

  delete(bucket: string, key: string): void {
    if (this.records.delete(`${bucket}/${key}`)) this.save();
  }

  private save(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(Object.fromEntries(this.records)));
    renameSync(temporary, this.file);
  }
}
