/**
 * The durable store: one append-only journal file of JSON lines under the data directory.
 * Writes are group-committed: everything appended while a write+fsync is in flight goes out in the
 * next single write+fsync. A torn last line (crash mid-write) is dropped on load. When the journal
 * grows well past the live data, it is compacted: the live state is written to a new file, fsynced,
 * and renamed over the journal (rename is atomic, so a crash leaves either file complete).
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';

export interface JournalOptions {
  dataDir: string;
  /** fsync every commit (default true). Off only for throwaway benchmarks. */
  fsync?: boolean;
}

export class Journal {
  private readonly file: string;
  private handle: FileHandle | undefined;
  private pending: string[] = [];
  private collectors: (() => string[])[] = [];
  private inFlight: Promise<void> | undefined;
  private scheduled = false;
  private waiters: (() => void)[] = [];
  private readonly fsync: boolean;
  bytes = 0;
  private closed = false;

  constructor(opts: JournalOptions) {
    mkdirSync(opts.dataDir, { recursive: true });
    this.file = join(opts.dataDir, 'journal.jsonl');
    this.fsync = opts.fsync !== false;
  }

  /** Every record in the journal, in order (a torn final line is ignored and cut off). */
  load(): unknown[] {
    if (!existsSync(this.file)) return [];
    const text = readFileSync(this.file, 'utf8');
    const records: unknown[] = [];
    let offset = 0;
    let validEnd = 0;
    while (offset < text.length) {
      const nl = text.indexOf('\n', offset);
      if (nl < 0) break; // no newline: the last write was torn
      const line = text.slice(offset, nl);
      try {
        if (line) records.push(JSON.parse(line));
      } catch {
        break;
      }
      offset = nl + 1;
      validEnd = offset;
    }
    this.bytes = Buffer.byteLength(text.slice(0, validEnd));
    if (validEnd < text.length) this.rewrite(records.map((r) => JSON.stringify(r)));
    return records;
  }

  /** Replaces the journal with exactly these lines (compaction), atomically. */
  rewrite(lines: string[]): void {
    const tmp = `${this.file}.next`;
    const fd = openSync(tmp, 'w');
    let bytes = 0;
    const chunk: string[] = [];
    const flushChunk = () => {
      if (chunk.length === 0) return;
      const data = `${chunk.join('\n')}\n`;
      bytes += Buffer.byteLength(data);
      writeSync(fd, data);
      chunk.length = 0;
    };
    for (const line of lines) {
      chunk.push(line);
      if (chunk.length >= 1000) flushChunk();
    }
    flushChunk();
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.file);
    this.bytes = bytes;
  }

  async openForAppend(): Promise<void> {
    this.handle = await open(this.file, 'a');
  }

  /** Adds a source of lines that is asked for its lines at commit time (dirty executions). */
  addCollector(collect: () => string[]): void {
    this.collectors.push(collect);
  }

  append(line: string): void {
    this.pending.push(line);
    this.schedule();
  }

  /** Schedules a commit soon (collectors will be asked for their lines then). */
  schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commit();
    });
  }

  /** Resolves when everything appended or marked dirty before this call is on disk. */
  durable(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  private async commit(): Promise<void> {
    if (this.inFlight) {
      await this.inFlight;
      if (this.pending.length > 0 || this.waiters.length > 0) this.schedule();
      return;
    }
    const run = async () => {
      for (const c of this.collectors) for (const l of c()) this.pending.push(l);
      const lines = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      if (lines.length > 0 && this.handle) {
        const data = `${lines.join('\n')}\n`;
        this.bytes += Buffer.byteLength(data);
        await this.handle.write(data);
        if (this.fsync) await this.handle.sync();
      }
      for (const w of waiters) w();
    };
    this.inFlight = run();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = undefined;
    }
    if (this.pending.length > 0 || this.waiters.length > 0) this.schedule();
  }

  /** Commits what is left and closes the file. */
  async close(): Promise<void> {
    if (this.inFlight) await this.inFlight;
    await this.commit();
    this.closed = true;
    await this.handle?.close();
    this.handle = undefined;
  }
}
