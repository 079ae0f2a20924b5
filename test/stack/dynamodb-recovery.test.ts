/**
 * The local DynamoDB after a crash: LevelDB drops a write cut short without a word; the start says
 * what was dropped, how much and from where, once.
 */
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynamo } from '#stack/dynamodb';
import { crc32c, scanLog } from '#stack/dynamodb-recovery';

const TABLE = 'icp-cases';
let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Starts the emulator on `dir`, collecting what it reports. */
async function start() {
  const lines: string[] = [];
  const dynamo = await startDynamo({ dataDir: dir, tableName: TABLE, log: (line) => lines.push(line) });
  return { dynamo, lines };
}

async function putItems(count: number) {
  const { dynamo } = await start();
  for (let i = 0; i < count; i++) {
    await dynamo.client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { PK: { S: `CASE#${i}` }, SK: { S: 'CASE' }, note: { S: 'x'.repeat(200) } },
      }),
    );
  }
  await dynamo.close();
}

const logFile = async () => (await readdir(dir)).filter((f) => /^\d+\.log$/.test(f)).sort()[0] as string;

describe('local DynamoDB recovery', () => {
  it('reports a write cut short by a crash once: the file, the offset, the bytes and the key updates lost', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dynamo-recovery-'));
    await putItems(5);
    const file = await logFile();
    const { size } = await stat(join(dir, file));
    // The process died while writing the last item: its record's last 40 bytes never reached the disk.
    await truncate(join(dir, file), size - 40);

    const first = await start();
    const { Items } = await first.dynamo.client.send(new ScanCommand({ TableName: TABLE }));
    expect(Items?.length).toBe(4);
    expect(first.lines).toHaveLength(1);
    const [recovery] = first.dynamo.recovered.filter((r) => r.dropped.length);
    expect(recovery?.file).toBe(file);
    expect(recovery?.dropped).toHaveLength(1);
    const [dropped] = recovery?.dropped ?? [];
    expect(dropped).toMatchObject({ reason: 'truncated', keyUpdates: 1 });
    expect((dropped?.offset ?? 0) + (dropped?.bytes ?? 0)).toBe(size - 40);
    expect(first.lines[0]).toContain(join(dir, file));
    expect(first.lines[0]).toContain(`${dropped?.bytes} bytes at offset ${dropped?.offset}`);
    expect(first.lines[0]).toContain('a write of 1 key update(s)');
    await first.dynamo.close();

    // Recovery has replayed and removed that log: the next start has nothing more to say.
    const second = await start();
    expect(second.lines).toEqual([]);
    await second.dynamo.close();
  });

  it('says nothing after a clean stop', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dynamo-recovery-'));
    await putItems(3);
    const again = await start();
    expect(again.lines).toEqual([]);
    expect(again.dynamo.recovered.some((r) => r.writes > 0)).toBe(true);
    await again.dynamo.close();
  });

  it('reports a damaged record inside the log (checksum mismatch), which LevelDB notes only in its own LOG', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dynamo-recovery-'));
    await putItems(3);
    const file = await logFile();
    const log = await readFile(join(dir, file));
    const scanned = scanLog(file, log);
    // Flip a byte in the payload of the first record.
    log[20] = (log[20] as number) ^ 0xff;
    await writeFile(join(dir, file), log);
    const damaged = scanLog(file, log);
    expect(damaged.dropped[0]).toMatchObject({ offset: 0, reason: 'checksum mismatch' });
    expect(damaged.writes).toBeLessThan(scanned.writes);
    const { dynamo, lines } = await start();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('checksum mismatch');
    await dynamo.close();
  });

  it('computes CRC-32C as LevelDB does (the standard check value)', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });
});
