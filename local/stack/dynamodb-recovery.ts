/**
 * What LevelDB will drop when dynalite opens the local table after a crash. LevelDB replays its
 * write-ahead log (`NNNNNN.log`) on open and throws away what it cannot read: a corrupted block it
 * notes in its own `LOG` file, which nobody reads, and a record cut short at the end of the file (the
 * process died mid-write, the usual case) it drops without a word (leveldb db/log_reader.cc: "don't
 * treat it as a corruption, just ignore the entire logical record"). Items written just before a crash
 * would then vanish silently, so before the open we read the logs the way LevelDB does, and say what
 * is about to be dropped, from which file and where.
 *
 * The format is leveldb's doc/log_format.md: 32 KiB blocks of records, each a 7-byte header (masked
 * CRC-32C of type and payload, 16-bit length, type: FULL, or FIRST, MIDDLE…, LAST for a record split
 * across blocks) and its payload; a block's last < 7 bytes are padding. A record is one write batch
 * (8-byte sequence number, 4-byte count of key updates, the updates).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const BLOCK_SIZE = 32_768;
const HEADER_SIZE = 7;
enum RecordType {
  Zero = 0,
  Full = 1,
  First = 2,
  Middle = 3,
  Last = 4,
}

/** Bytes of one log that LevelDB will not replay. */
export interface DroppedBytes {
  /** Where the dropped bytes start in the file. */
  offset: number;
  bytes: number;
  /** `truncated`: the file ends inside a write (a crash mid-write); the others are corruption. */
  reason: 'truncated' | 'checksum mismatch' | 'bad record length' | 'fragment without start or end';
  /** Key updates in the dropped write, when its batch header survived. */
  keyUpdates?: number;
}

/** One write-ahead log as LevelDB will replay it. */
export interface LogRecovery {
  file: string;
  size: number;
  /** Complete writes (batches) LevelDB will replay. */
  writes: number;
  dropped: DroppedBytes[];
}

// CRC-32C (Castagnoli), the checksum of LevelDB's records.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C of `bytes`. */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// LevelDB stores the CRC rotated and offset (util/crc32c.h Mask), so that a CRC of data holding CRCs
// does not look like one.
const masked = (crc: number) => ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;

const keyUpdatesOf = (payload: Buffer) => (payload.length >= 12 ? payload.readUInt32LE(8) : undefined);

/** Reads one log as leveldb's log::Reader does (checksums on, as in recovery), noting every drop. */
export function scanLog(file: string, log: Buffer): LogRecovery {
  const dropped: DroppedBytes[] = [];
  const drop = (offset: number, bytes: number, reason: DroppedBytes['reason'], payload?: Buffer) => {
    const keyUpdates = payload ? keyUpdatesOf(payload) : undefined;
    if (bytes > 0)
      dropped.push({ offset, bytes, reason, ...(keyUpdates === undefined ? {} : { keyUpdates }) });
  };
  let writes = 0;
  let fragment: { offset: number; parts: Buffer[] } | undefined;
  let pos = 0;
  while (pos < log.length) {
    const blockEnd = (Math.floor(pos / BLOCK_SIZE) + 1) * BLOCK_SIZE;
    const available = Math.min(blockEnd, log.length) - pos;
    const lastBlock = log.length < blockEnd;
    if (available < HEADER_SIZE) {
      // In a full block these bytes are padding; at the end of the file, a header cut short.
      if (lastBlock) {
        const start = fragment?.offset ?? pos;
        drop(start, log.length - start, 'truncated', fragment && Buffer.concat(fragment.parts));
        fragment = undefined;
        break;
      }
      pos = blockEnd;
      continue;
    }
    const length = log.readUInt16LE(pos + 4);
    const type = log[pos + 6] as number;
    if (HEADER_SIZE + length > available) {
      if (lastBlock) {
        const start = fragment?.offset ?? pos;
        const partial = log.subarray(pos + HEADER_SIZE);
        const payload = fragment ? Buffer.concat([...fragment.parts, partial]) : partial;
        drop(start, log.length - start, 'truncated', payload);
        fragment = undefined;
        break;
      }
      drop(pos, available, 'bad record length');
      pos = blockEnd;
      continue;
    }
    if (type === RecordType.Zero && length === 0) {
      // Preallocated space (leveldb skips it without a report, and the rest of the block with it).
      pos = blockEnd;
      continue;
    }
    const stored = log.readUInt32LE(pos);
    if (masked(crc32c(log.subarray(pos + 6, pos + HEADER_SIZE + length))) !== stored) {
      drop(pos, available, 'checksum mismatch');
      pos = blockEnd;
      continue;
    }
    const payload = log.subarray(pos + HEADER_SIZE, pos + HEADER_SIZE + length);
    const unfinished = () => {
      if (!fragment) return;
      const bytes = fragment.parts.reduce((sum, part) => sum + part.length, 0);
      drop(fragment.offset, bytes, 'fragment without start or end', Buffer.concat(fragment.parts));
      fragment = undefined;
    };
    if (type === RecordType.Full) {
      unfinished();
      writes += 1;
    } else if (type === RecordType.First) {
      unfinished();
      fragment = { offset: pos, parts: [payload] };
    } else if (type === RecordType.Middle || type === RecordType.Last) {
      if (!fragment) drop(pos, HEADER_SIZE + length, 'fragment without start or end');
      else if (type === RecordType.Middle) fragment.parts.push(payload);
      else {
        fragment = undefined;
        writes += 1;
      }
    } else {
      drop(pos, HEADER_SIZE + length, 'bad record length');
    }
    pos += HEADER_SIZE + length;
  }
  if (fragment) {
    // The file ends between the pieces of a write that spans blocks: the writer died mid-write.
    drop(fragment.offset, log.length - fragment.offset, 'truncated', Buffer.concat(fragment.parts));
  }
  return { file, size: log.length, writes, dropped };
}

/** Every write-ahead log in a LevelDB directory, read as recovery will read it (none: a fresh store). */
export async function scanLogs(dataDir: string): Promise<LogRecovery[]> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch {
    return [];
  }
  const logs = names.filter((name) => /^\d+\.log$/.test(name)).sort();
  return Promise.all(logs.map(async (name) => scanLog(name, await readFile(join(dataDir, name)))));
}

/** One line for a log with drops: what is lost, how much, from where. */
export function describeDrops(dataDir: string, recovery: LogRecovery): string {
  const total = recovery.dropped.reduce((sum, d) => sum + d.bytes, 0);
  const parts = recovery.dropped.map((d) => {
    const updates = d.keyUpdates === undefined ? '' : `, a write of ${d.keyUpdates} key update(s)`;
    return `${d.bytes} bytes at offset ${d.offset} (${d.reason}${updates})`;
  });
  return `DynamoDB (local): recovering ${join(dataDir, recovery.file)} (${recovery.size} bytes) drops ${recovery.dropped.length} unreadable record(s), ${total} bytes: ${parts.join('; ')}. ${recovery.writes} complete write(s) are kept. The dropped writes were cut short by a crash or damaged on disk; what they changed is not in the table.`;
}
