/**
 * Cancellation below the execution. Every branch runs in a scope: the execution's root scope, a
 * Parallel's scope for its branches, a Map's scope for its iterations. Cancelling a scope cancels
 * everything below it, so a failed Parallel branch stops its siblings at once, as AWS does, instead
 * of waiting for them to end. Every wait of the interpreter races with `cancelled`.
 */
import { Cancelled } from './errors.ts';

export class CancelScope {
  /** Rejects with `Cancelled` once this scope or one above it is cancelled. */
  readonly cancelled: Promise<never>;
  private reject!: (reason: Cancelled) => void;
  private reason: Cancelled | undefined;
  private readonly children = new Set<CancelScope>();

  /**
   * @param parent cancelling it cancels this scope
   * @param stoppedOutside for the root: the host's own flag, true as soon as the host stops the
   *   execution (before `cancel` runs, a microtask later)
   */
  constructor(
    private readonly parent?: CancelScope,
    private readonly stoppedOutside?: () => boolean,
  ) {
    this.cancelled = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    // Nobody may be racing with it when it rejects: that is not an unhandled rejection.
    this.cancelled.catch(() => {});
    if (parent) {
      if (parent.reason) this.cancel(parent.reason.reason);
      else parent.children.add(this);
    }
  }

  get isCancelled(): boolean {
    if (this.reason !== undefined) return true;
    return this.parent ? this.parent.isCancelled : (this.stoppedOutside?.() ?? false);
  }

  /** Throws `Cancelled` when the scope is cancelled: checked between states. */
  throwIfCancelled(): void {
    if (this.isCancelled) throw this.reason ?? new Cancelled('The execution was stopped');
  }

  cancel(reason: string): void {
    if (this.reason) return;
    this.reason = new Cancelled(reason);
    this.reject(this.reason);
    for (const child of this.children) child.cancel(reason);
    this.children.clear();
  }

  /** A scope below this one; `dispose` it when its work is done so a long Map does not pile them up. */
  child(): CancelScope {
    return new CancelScope(this);
  }

  dispose(): void {
    this.parent?.children.delete(this);
  }

  /** Awaits `work` unless the scope is cancelled first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.reason) return Promise.reject(this.reason);
    return Promise.race([work, this.cancelled]);
  }
}
