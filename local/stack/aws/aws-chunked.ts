/**
 * S3's `aws-chunked` upload encoding
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html): decodes the chunks,
 * checks each chunk signature of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload against the seed
 * signature, and collects the trailing headers (checksums) of the -TRAILER variants.
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AwsAuthError } from './sigv4.ts';
import { EMPTY_SHA256, hmac, sameHex } from './sigv4-primitives.ts';

const CRLF = Buffer.from('\r\n');
const MAX_LINE = 4096;
const MAX_TRAILER = 16 * 1024;

export interface ChunkSigning {
  /** The request's seed signature. */
  seedSignature: string;
  signingKey: Buffer;
  /** yyyymmddThhmmssZ of the request */
  longDate: string;
  scope: string;
}

const incomplete = (message: string) => new AwsAuthError('IncompleteBody', message, 400);

/** Decodes an aws-chunked body; `trailers` is filled once the stream has ended. */
export class AwsChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>();
  decodedLength = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
  private remaining = 0;
  private chunkSignature: string | undefined;
  private chunkHash = createHash('sha256');
  private previousSignature: string | undefined;
  private trailerBytes = 0;

  constructor(private readonly signing?: ChunkSigning) {
    super();
    this.previousSignature = signing?.seedSignature;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      this.consume();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (
      this.state !== 'done' &&
      !(this.state === 'trailer' && this.buffer.length === 0 && this.trailerBytes === 0)
    ) {
      callback(incomplete('The aws-chunked body ended before its final chunk.'));
      return;
    }
    callback();
  }

  private consume(): void {
    for (;;) {
      if (this.state === 'size' || this.state === 'trailer') {
        const end = this.buffer.indexOf(CRLF);
        if (end < 0) {
          if (this.buffer.length > MAX_LINE) throw incomplete('An aws-chunked line is too long.');
          return;
        }
        const line = this.buffer.subarray(0, end).toString('latin1');
        this.buffer = this.buffer.subarray(end + 2);
        if (this.state === 'size') this.startChunk(line);
        else this.trailerLine(line);
        if ((this.state as string) === 'done') {
          if (this.buffer.length > 0) throw incomplete('Data after the end of the aws-chunked body.');
          return;
        }
        continue;
      }
      if (this.state === 'data') {
        if (this.buffer.length === 0) return;
        const take = Math.min(this.remaining, this.buffer.length);
        const data = this.buffer.subarray(0, take);
        this.buffer = this.buffer.subarray(take);
        this.remaining -= take;
        this.decodedLength += take;
        this.chunkHash.update(data);
        this.push(data);
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'data-end') {
        if (this.buffer.length < 2) return;
        if (!this.buffer.subarray(0, 2).equals(CRLF))
          throw incomplete('An aws-chunked chunk is longer than its size.');
        this.buffer = this.buffer.subarray(2);
        this.finishChunk();
        this.state = 'size';
        continue;
      }
      return;
    }
  }

  private startChunk(line: string): void {
    const [sizeText = '', ...extensions] = line.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText))
      throw incomplete('An aws-chunked chunk size is not hexadecimal.');
    const size = Number.parseInt(sizeText, 16);
    this.chunkSignature = extensions
      .map((extension) => extension.trim())
      .find((extension) => extension.startsWith('chunk-signature='))
      ?.slice('chunk-signature='.length);
    if (this.signing && !this.chunkSignature) {
      throw new AwsAuthError(
        'SignatureDoesNotMatch',
        'A signed aws-chunked chunk has no chunk-signature.',
        403,
      );
    }
    this.chunkHash = createHash('sha256');
    if (size === 0) {
      this.finishChunk();
      this.state = 'trailer';
      return;
    }
    this.remaining = size;
    this.state = 'data';
  }

  private finishChunk(): void {
    const hash = this.chunkHash.digest('hex');
    if (!this.signing) return;
    const stringToSign = [
      'AWS4-HMAC-SHA256-PAYLOAD',
      this.signing.longDate,
      this.signing.scope,
      this.previousSignature,
      EMPTY_SHA256,
      hash,
    ].join('\n');
    const expected = hmac(this.signing.signingKey, stringToSign).toString('hex');
    if (!sameHex(expected, this.chunkSignature ?? '')) {
      throw new AwsAuthError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
        403,
      );
    }
    this.previousSignature = this.chunkSignature;
  }

  private trailerLine(line: string): void {
    if (line === '') {
      this.state = 'done';
      return;
    }
    this.trailerBytes += line.length;
    if (this.trailerBytes > MAX_TRAILER) throw incomplete('The aws-chunked trailer is too long.');
    const colon = line.indexOf(':');
    if (colon <= 0) throw incomplete('A malformed aws-chunked trailer line.');
    this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
}
