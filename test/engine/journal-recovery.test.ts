/** A damaged journal is recovered up to the damage, and the recovery says once what it dropped. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '#stepfunctions/store';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function journalWith(text: string): { file: string; warnings: string[]; load: () => unknown[] } {
  dir = mkdtempSync(join(tmpdir(), 'journal-recovery-'));
  const file = join(dir, 'journal.jsonl');
  writeFileSync(file, text);
  const warnings: string[] = [];
  return {
    file,
    warnings,
    load: () => new Journal({ dataDir: dir, warn: (m) => warnings.push(m) }).load(),
  };
}

describe('journal recovery', () => {
  it('drops a last write cut short, says how many bytes from where, and only once', () => {
    const torn = '{"t":"smd","ar';
    const j = journalWith(`{"t":"sm","v":{"arn":"a"}}\n${torn}`);
    expect(j.load()).toEqual([{ t: 'sm', v: { arn: 'a' } }]);
    expect(j.warnings).toEqual([
      `${j.file}: recovered 1 records; dropped ${torn.length} bytes (1 line) from byte 27 on, a last write cut short`,
    ]);
    expect(readFileSync(j.file, 'utf8')).toBe('{"t":"sm","v":{"arn":"a"}}\n');
    expect(j.load()).toHaveLength(1);
    expect(j.warnings).toHaveLength(1);
  });

  it('names a damaged line in the middle and the lines after it that were dropped with it', () => {
    const damaged = '{not json}\n{"t":"smd","arn":"a"}\n';
    const j = journalWith(`{"t":"sm","v":{"arn":"a"}}\n${damaged}`);
    expect(j.load()).toEqual([{ t: 'sm', v: { arn: 'a' } }]);
    expect(j.warnings).toEqual([
      `${j.file}: recovered 1 records; dropped ${damaged.length} bytes (2 lines) from byte 27 on, a damaged line and what followed it`,
    ]);
  });

  it('says nothing about a clean journal', () => {
    const j = journalWith('{"t":"sm","v":{"arn":"a"}}\n');
    appendFileSync(j.file, '{"t":"smd","arn":"a"}\n');
    expect(j.load()).toHaveLength(2);
    expect(j.warnings).toEqual([]);
  });
});
