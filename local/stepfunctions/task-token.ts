/** Task tokens name their execution, so SendTask* can tell "malformed" from "no such task". */
import { randomBytes } from 'node:crypto';
import { isObject, type Json, type JsonObject } from './json.ts';

export function newTaskToken(executionArn: string): string {
  const nonce = randomBytes(12).toString('base64url');
  return `AQ${Buffer.from(JSON.stringify({ e: executionArn, n: nonce })).toString('base64url')}`;
}

export function parseTaskToken(token: string): { e: string; n: string } | undefined {
  if (!token.startsWith('AQ')) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token.slice(2), 'base64url').toString('utf8')) as unknown;
    if (isObject(v as Json) && typeof (v as JsonObject).e === 'string') return v as { e: string; n: string };
  } catch {
    return undefined;
  }
  return undefined;
}
