/**
 * Browser POST uploads (multipart/form-data to the bucket): the form is parsed, its signed policy
 * verified (./s3-post-policy.ts), the file spooled within the policy's length range and the local
 * cap, the caller authorized, and the upload re-posted to s3rver as a plain form.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import busboy from 'busboy';
import { uriEncode } from './aws/sigv4-primitives.ts';
import { authorizeAll } from './s3-authorization.ts';
import type { EncryptionRecord } from './s3-encryption-records.ts';
import { S3Failure, tooLarge } from './s3-errors.ts';
import type { S3FrontOptions } from './s3-front-options.ts';
import { objectArn, putContext } from './s3-iam.ts';
import { lengthProblem, verifyPostPolicy } from './s3-post-policy.ts';
import type { SpooledBody } from './s3-request-body.ts';
import { header } from './s3-request-headers.ts';
import { checkKey } from './s3-request-target.ts';
import { encryptChecks, encryptionOf, sseHeaders } from './s3-sse.ts';
import { type S3Upstream, streamTo, upstreamResponseHeaders } from './s3-upstream.ts';

/** S3 refuses a POST whose fields before the file exceed 20 KB. */
const MAX_POST_PRE_DATA = 20 * 1024;
/** POST form fields s3rver stores (object headers and user metadata) or acts on. */
const FORWARDED_FORM_FIELDS = new Set([
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-type',
  'expires',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
  'success_action_status',
  'success_action_redirect',
  'redirect',
]);

/** A browser POST upload: policy, fields and size checked before s3rver sees the file. */
export async function postUpload(
  options: S3FrontOptions,
  upstream: S3Upstream,
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  cors: Record<string, string>,
): Promise<void> {
  const declared = Number(header(req.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > options.maxBodyBytes + MAX_POST_PRE_DATA * 4) {
    throw tooLarge(options.maxBodyBytes, declared);
  }
  const form = await readPostForm(options, req, bucket);
  try {
    if (form.error) throw form.error;
    const verified = form.verified;
    if (!verified || !form.spool) {
      throw new S3Failure('InvalidArgument', 'POST requires exactly one file upload per request.', 400);
    }
    const lengthError = lengthProblem(form.spool.size, verified.lengthRange);
    if (lengthError) throw S3Failure.from(lengthError);
    const key = verified.key;
    const fieldValue = (name: string) => verified.fields.get(name);
    const written = encryptionOf(options, bucket, fieldValue);
    const principalArn = verified.credential.principalArn;
    const context = {
      'aws:SourceIp': req.socket.remoteAddress ?? '127.0.0.1',
      's3:authType': 'POST',
      's3:signatureversion': 'AWS4-HMAC-SHA256',
    };
    const fieldHeaders = Object.fromEntries(verified.fields);
    await authorizeAll(
      options,
      principalArn,
      [
        {
          action: 's3:PutObject',
          resource: objectArn(options.partition, bucket, key),
          context: putContext(fieldHeaders),
        },
        ...encryptChecks(options, written, bucket, key),
      ],
      context,
    );
    await forwardPost(options, upstream, req, res, bucket, key, verified.fields, form.spool, cors, written);
  } finally {
    if (form.spool) await rm(form.spool.path, { force: true });
  }
}

interface PostForm {
  verified?: ReturnType<typeof verifyPostPolicy>;
  spool?: SpooledBody;
  error?: unknown;
}

/** Parses the form: fields, then the policy check, then the file into a spool file within its size range. */
function readPostForm(options: S3FrontOptions, req: IncomingMessage, bucket: string): Promise<PostForm> {
  return new Promise((resolve) => {
    const result: PostForm = {};
    const fields: [string, string][] = [];
    let preData = 0;
    let fileSeen = false;
    let spoolDone: Promise<void> = Promise.resolve();
    let received = 0;
    const hardLimit = options.maxBodyBytes + MAX_POST_PRE_DATA * 4;
    const fail = (error: unknown) => {
      result.error ??= error;
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fieldSize: MAX_POST_PRE_DATA, fields: 200, files: 2, parts: 300 },
      });
    } catch {
      fail(
        new S3Failure(
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.',
          400,
        ),
      );
      req.resume();
      req.on('end', () => resolve(result));
      return;
    }
    parser.on('field', (name, value, info) => {
      if (fileSeen) return; // S3 ignores fields after the file
      preData += name.length + value.length;
      if (info.valueTruncated || preData > MAX_POST_PRE_DATA) {
        fail(
          new S3Failure(
            'MaxPostPreDataLengthExceeded',
            'Your POST request fields preceding the upload file were too large.',
            400,
          ),
        );
        return;
      }
      fields.push([name, value]);
    });
    parser.on('file', (name, stream, info) => {
      if (fileSeen || name.toLowerCase() !== 'file') {
        if (!fileSeen && name.toLowerCase() !== 'file') {
          // A file part under another name is a field S3 does not take.
          fail(new S3Failure('InvalidArgument', `POST form field ${name} may not be a file.`, 400));
        }
        stream.resume();
        return;
      }
      fileSeen = true;
      if (result.error) {
        stream.resume();
        return;
      }
      let verified: ReturnType<typeof verifyPostPolicy>;
      try {
        verified = verifyPostPolicy({
          fields,
          bucket,
          filename: info.filename,
          region: options.region,
          credentials: options.credentials,
          now: options.clock(),
        });
        checkKey(options.directory, bucket, verified.key);
      } catch (error) {
        fail(error);
        stream.resume();
        return;
      }
      result.verified = verified;
      const limit = Math.min(verified.lengthRange[1], options.maxBodyBytes);
      const path = join(options.spoolDirectory, `${randomBytes(12).toString('hex')}.post`);
      const out = createWriteStream(path);
      let size = 0;
      spoolDone = new Promise<void>((done) => {
        stream.on('data', (data: Buffer) => {
          size += data.length;
          if (result.error) return;
          if (size > limit) {
            fail(
              verified.lengthRange[1] < options.maxBodyBytes
                ? new S3Failure(
                    'EntityTooLarge',
                    'Your proposed upload exceeds the maximum allowed size',
                    400,
                  )
                : tooLarge(options.maxBodyBytes),
            );
            out.destroy();
            return;
          }
          if (!out.write(data)) {
            stream.pause();
            out.once('drain', () => stream.resume());
          }
        });
        stream.on('end', () => {
          if (out.destroyed) return done();
          out.end(() => done());
        });
        out.on('error', (error) => {
          fail(error);
          stream.resume();
          done();
        });
        out.on('close', () => done());
      }).then(() => {
        result.spool = { path, size };
        if (result.error) rmSync(path, { force: true });
      });
    });
    parser.on('error', () => {
      fail(
        new S3Failure(
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.',
          400,
        ),
      );
      req.unpipe(parser);
      req.resume();
    });
    parser.on('fieldsLimit', () => fail(new S3Failure('MalformedPOSTRequest', 'Too many form fields.', 400)));
    parser.on('partsLimit', () => fail(new S3Failure('MalformedPOSTRequest', 'Too many form parts.', 400)));
    req.on('data', (data: Buffer) => {
      received += data.length;
      if (received > hardLimit) {
        fail(tooLarge(options.maxBodyBytes));
        req.destroy();
      }
    });
    const finish = () => spoolDone.then(() => resolve(result));
    parser.on('close', finish);
    req.on('aborted', () => {
      fail(new S3Failure('IncompleteBody', 'The request body ended early.', 400));
      finish();
    });
    req.on('error', () => finish());
    req.pipe(parser);
  });
}

/** Re-posts the checked upload to s3rver as a plain form (no policy: s3rver ignores it anyway). */
async function forwardPost(
  options: S3FrontOptions,
  upstream: S3Upstream,
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  key: string,
  fields: ReadonlyMap<string, string>,
  spool: SpooledBody,
  cors: Record<string, string>,
  written: EncryptionRecord,
): Promise<void> {
  const boundary = `----strict-s3-${randomBytes(12).toString('hex')}`;
  const parts: [string, string][] = [['key', key]];
  for (const [name, value] of fields) {
    if (FORWARDED_FORM_FIELDS.has(name) || name.startsWith('x-amz-meta-')) parts.push([name, value]);
  }
  const head = Buffer.from(
    parts
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '_')}"\r\n\r\n${value}\r\n`,
      )
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const publicOrigin = `http://${header(req.headers, 'host') ?? ''}`;
  const upstreamOrigin = `http://${options.upstream.host}:${options.upstream.port}`;
  const answer = await upstream.send(
    {
      method: 'POST',
      path: `/${uriEncode(bucket)}`,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + spool.size + tail.length),
      },
    },
    (request, fail) => {
      request.write(head);
      const file = new PassThrough();
      file.on('end', () => request.end(tail));
      file.pipe(request, { end: false });
      createReadStream(spool.path).on('error', fail).pipe(file);
    },
  );
  const status = answer.statusCode ?? 502;
  if (status < 300) options.encryption.set(bucket, key, written);
  const extra = status < 300 ? sseHeaders(written) : {};
  const responseHeaders = upstreamResponseHeaders(answer.headers);
  if (status !== 201) {
    res.writeHead(status, { ...responseHeaders, ...extra, ...cors });
    return streamTo(answer, res);
  }
  // The XML names the object's location: the public endpoint, not s3rver's.
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replaceAll(upstreamOrigin, publicOrigin);
  delete responseHeaders['content-length'];
  res.writeHead(status, {
    ...responseHeaders,
    ...extra,
    ...cors,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
