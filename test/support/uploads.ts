/**
 * Upload helpers for tests: a real multipart POST (fetch + FormData) of a presigned upload, and a
 * collector for the emulator's "Object Created" events.
 */
import type { PresignedUpload } from '#adapters/file-store';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import type { S3Emulator } from '#stack/s3';

/** POSTs `bytes` with the presigned form fields, as a browser would. Returns the HTTP status. */
export async function postUpload(
  upload: Pick<PresignedUpload, 'url' | 'fields'>,
  bytes: Uint8Array,
  overrides: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...overrides })) form.append(name, value);
  const type = overrides['Content-Type'] ?? upload.fields['Content-Type'] ?? 'application/octet-stream';
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'upload.bin');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, body: await response.text() };
}

/** Collects the emulator's events; `next(n)` waits until `n` more have arrived. */
export function collectEvents(s3: S3Emulator) {
  const events: ObjectCreatedEvent[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const stop = s3.onObjectCreated((event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (events.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  return {
    events,
    stop,
    /** Resolves when at least `count` events have been collected in total. */
    waitFor(count: number, timeoutMs = 10_000): Promise<ObjectCreatedEvent[]> {
      if (events.length >= count) return Promise.resolve(events.slice(0, count));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${events.length} of ${count} events arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(events.slice(0, count));
          },
        });
      });
    },
  };
}
