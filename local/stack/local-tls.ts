/**
 * The local stack's TLS certificate for 127.0.0.1 and localhost, generated once (selfsigned) and
 * kept under the data directory. Servers that AWS's counterparts reach over TLS (the China SMTP
 * relay) use it; the functions trust it through NODE_EXTRA_CA_CERTS, as they would trust a public
 * CA in AWS, so they keep verifying certificates locally.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface LocalTls {
  key: string;
  cert: string;
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

export async function localTls(dir: string): Promise<LocalTls> {
  const keyFile = join(dir, 'local-key.pem');
  const certFile = join(dir, 'local-cert.pem');
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    await mkdir(dir, { recursive: true });
    const notAfter = new Date();
    notAfter.setFullYear(notAfter.getFullYear() + 5);
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    // Key first, certificate last: a crash in between leaves no certificate without its key.
    await writeFile(`${keyFile}.tmp`, pems.private, { mode: 0o600 });
    await rename(`${keyFile}.tmp`, keyFile);
    await writeFile(`${certFile}.tmp`, pems.cert);
    await rename(`${certFile}.tmp`, certFile);
  }
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile };
}
