import { useCallback, useState } from 'react';

/** A request that changes something, as a page runs it: busy while it runs, its error kept, then a refresh. */
export interface Action {
  busy: boolean;
  /** The last run's failure (an ApiError as a rule); cleared when the next run starts. */
  error: unknown;
  /** Posts, calls `then` once the post succeeded, and refreshes the page's data. Never rejects. */
  run: (post: () => Promise<unknown>, then?: () => void) => Promise<void>;
}

/** Runs a page's actions one way: post → busy → error → refresh. */
export function useAction(refresh: () => Promise<unknown>): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(
    async (post: () => Promise<unknown>, then?: () => void) => {
      setBusy(true);
      setError(undefined);
      try {
        await post();
        then?.();
        await refresh();
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [refresh],
  );
  return { busy, error, run };
}
