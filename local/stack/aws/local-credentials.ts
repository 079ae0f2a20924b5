/**
 * The key pairs the local stack issues to principals (one per Lambda role, one for the operator);
 * ./sigv4.ts checks requests signed with them.
 */
import { randomBytes } from 'node:crypto';

/** A credential the local stack issued: the access key of one Lambda role, or the operator's. */
export interface LocalCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** IAM principal the key acts as, e.g. arn:aws-cn:iam::000000000000:role/Name, or arn:<p>:iam::000000000000:root for the operator */
  principalArn: string;
}

export interface IssueOptions {
  /**
   * A temporary (ASIA…) key with a session token, as Lambda roles get; default: true for role
   * principals (`:role/`), false otherwise (a long-term AKIA… key, as the operator's).
   */
  session?: boolean;
}

/** The key pairs the local stack has issued; anything else is an unknown key. */
export class LocalCredentials {
  private readonly byAccessKeyId = new Map<string, LocalCredential>();

  /** A new random key pair for `principalArn`, remembered for `lookup`. */
  issue(principalArn: string, options: IssueOptions = {}): LocalCredential {
    const session = options.session ?? principalArn.includes(':role/');
    const credential: LocalCredential = {
      accessKeyId: `${session ? 'ASIA' : 'AKIA'}${randomKeyIdSuffix()}`,
      secretAccessKey: randomBytes(30).toString('base64').replace(/[+/=]/g, 'x').slice(0, 40),
      ...(session ? { sessionToken: randomBytes(96).toString('base64') } : {}),
      principalArn,
    };
    this.byAccessKeyId.set(credential.accessKeyId, credential);
    return credential;
  }

  /** Remembers a credential chosen elsewhere (e.g. one kept across a restart). */
  register(credential: LocalCredential): LocalCredential {
    this.byAccessKeyId.set(credential.accessKeyId, { ...credential });
    return credential;
  }

  /** Forgets a key: later requests signed with it fail with InvalidAccessKeyId. */
  revoke(accessKeyId: string): void {
    this.byAccessKeyId.delete(accessKeyId);
  }

  lookup(accessKeyId: string): LocalCredential | undefined {
    return this.byAccessKeyId.get(accessKeyId);
  }
}

function randomKeyIdSuffix(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(randomBytes(16), (byte) => alphabet[byte % 32]).join('');
}
