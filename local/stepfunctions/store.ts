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
  fsync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  write,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export interface JournalOptions {
  dataDir: string;
  /** fsync every commit (default true). Off only for throwaway benchmarks. */
  fsync?: boolean;
  /** Told once what recovery dropped from a damaged journal (default: console.warn). */
  warn?: (message: string) => void;
}

function writeAll(fd: number, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number): void => {
      write(fd, buf, offset, buf.length - offset, null, (err, n) => {
        if (err) reject(err);
        else if (offset + n < buf.length) step(offset + n);
        else resolve();
      });
    };
    step(0);
  });
}

function fsyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
}

export class Journal {
  private readonly file: string;
  /** The append descriptor of the journal file (opened by openForAppend, replaced by rewrite). */
  private fd: number | undefined;
  /** Descriptors of files replaced by a rewrite, closed once their writes and fsyncs are done. */
  private retired: number[] = [];
  private pending: string[] = [];
  private collectors: (() => string[])[] = [];
  /** The commit being written and fsynced. */
  private inFlight: Promise<void> | undefined;
  /** The write in progress (writes to the file are serialised). */
  private writing: Promise<void> | undefined;
  private scheduled = false;
  private waiters: (() => void)[] = [];
  private readonly fsync: boolean;
  bytes = 0;
  /** Size of the journal as last rewritten (live data then): compaction waits for it to grow well past. */
  rewrittenBytes = 0;
  private closed = false;

  constructor(opts: JournalOptions) {
    mkdirSync(opts.dataDir, { recursive: true });
    this.file = join(opts.dataDir, 'journal.jsonl');
    this.fsync = opts.fsync !== false;
    this.warn = opts.warn ?? ((message) => console.warn(message));
  }

  private readonly warn: (message: string) => void;

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
    if (validEnd < text.length) {
      // Said once: the rewrite below cuts the damaged tail off, so the next start reads a clean file.
      const dropped = text.slice(validEnd);
      const lines = dropped.split('\n').filter((l) => l.length > 0).length;
      this.warn(
        `${this.file}: recovered ${records.length} records; dropped ${Buffer.byteLength(dropped)} bytes (${lines} line${lines === 1 ? '' : 's'}) from byte ${this.bytes} on, ${dropped.includes('\n') ? 'a damaged line and what followed it' : 'a last write cut short'}`,
      );
      this.rewrite(records.map((r) => JSON.stringify(r)));
    }
    return records;
  }

  /**
   * Replaces the journal with exactly these lines (compaction), atomically. The lines must be a
   * snapshot of the whole live state: lines appended but not yet committed are dropped.
   */
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
    this.rewrittenBytes = bytes;
    // The snapshot holds everything appended and not yet committed (lines are appended after the
    // state they record is in memory), so those lines must not follow it into the new file.
    this.pending = [];
    // Appends from now on go to the new file; the old descriptor only finishes what is in flight.
    if (this.fd !== undefined) {
      this.retired.push(this.fd);
      this.fd = openSync(this.file, 'a');
    }
  }

  async openForAppend(): Promise<void> {
    this.fd = openSync(this.file, 'a');
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

  /**
   * One group commit: collects every pending line, writes them in one write, then fsyncs; whatever
   * arrives meanwhile waits for the next commit, which starts when this one is on disk.
   */
  private async commit(): Promise<void> {
    if (this.inFlight) {
      await this.inFlight.catch(() => {});
      if (this.pending.length > 0 || this.waiters.length > 0) this.schedule();
      return;
    }
    const inFlight = this.writeAndSync();
    this.inFlight = inFlight;
    try {
      await inFlight;
    } finally {
      if (this.inFlight === inFlight) this.inFlight = undefined;
    }
    if (this.pending.length > 0 || this.waiters.length > 0) this.schedule();
    this.closeRetired();
  }

  /** Collects, writes (after any write in progress: writes are serialised) and fsyncs one batch. */
  private async writeAndSync(): Promise<void> {
    for (const c of this.collectors) for (const l of c()) this.pending.push(l);
    const lines = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    const fd = this.fd;
    if (lines.length > 0 && fd !== undefined) {
      const data = Buffer.from(`${lines.join('\n')}\n`);
      this.bytes += data.length;
      const previous = this.writing;
      const writing = (previous ?? Promise.resolve()).then(() => writeAll(fd, data));
      this.writing = writing;
      try {
        await writing;
      } finally {
        if (this.writing === writing) this.writing = undefined;
      }
      if (this.fsync) await fsyncFd(fd);
    }
    for (const w of waiters) w();
  }

  private closeRetired(): void {
    if (this.retired.length === 0 || this.inFlight || this.writing) return;
    for (const fd of this.retired) closeSync(fd);
    this.retired = [];
  }

  /** Commits what is left and closes the file. */
  async close(): Promise<void> {
    // The last batch is written as soon as the write in progress is done, without waiting for that
    // commit's fsync; close resolves when both fsyncs are done.
    const last = this.writeAndSync();
    await Promise.all([this.inFlight, last]);
    while (this.inFlight || this.writing) await (this.inFlight ?? this.writing);
    this.closed = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.closeRetired();
  }
}
