/**
 * Time source of the engine. Every wait, retry back-off, task timeout and heartbeat goes through it,
 * so tests can inject a manual clock and never sleep for real durations.
 */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

// setTimeout overflows (and fires at once) beyond 2^31-1 ms; long waits re-arm in steps.
const MAX_TIMER_MS = 2_000_000_000;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const due = Date.now() + delayMs;
    const box: { t?: NodeJS.Timeout } = {};
    const arm = (): void => {
      const left = due - Date.now();
      box.t = setTimeout(left > MAX_TIMER_MS ? arm : callback, Math.max(0, Math.min(left, MAX_TIMER_MS)));
      box.t.unref?.();
    };
    arm();
    return box;
  },
  clearTimer(handle) {
    const box = handle as { t?: NodeJS.Timeout };
    if (box?.t) clearTimeout(box.t);
  },
};

interface ManualTimer {
  due: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to: `advance(ms)` fires every timer that falls due, in order. */
export class ManualClock implements Clock {
  private current: number;
  private timers: ManualTimer[] = [];
  private seq = 0;

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    const timer: ManualTimer = {
      due: this.current + Math.max(0, delayMs),
      seq: this.seq++,
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return timer;
  }

  clearTimer(handle: unknown): void {
    if (handle) (handle as ManualTimer).cancelled = true;
  }

  /** Number of timers still armed (useful to wait until the engine has parked on a timer). */
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward, firing due timers one by one and letting the engine react between them. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      this.timers = this.timers.filter((t) => !t.cancelled);
      this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.due > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.due);
      next.callback();
    }
    this.current = target;
    await settle();
  }
}

/** Lets pending promise chains and I/O callbacks run (a few macrotask turns). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
