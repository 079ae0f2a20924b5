import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new case id: `C-` + 10 Crockford base32 characters of milliseconds + 10 random ones, so ids sort
 * by creation time (like a ULID) and cannot be guessed.
 */
export function newCaseId(now: Date = new Date()): string {
  let time = now.getTime();
  let head = '';
  for (let i = 0; i < 10; i += 1) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(10);
  let tail = '';
  for (const byte of bytes) tail += CROCKFORD[byte % 32];
  return `C-${head}${tail}`;
}
