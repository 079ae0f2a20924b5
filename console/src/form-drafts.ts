/**
 * Forms as typed, kept so that a reload does not lose them (issue 17: reloading the new-case form
 * lost everything typed). They live in sessionStorage, never localStorage: the application form holds
 * ID numbers, mobiles and addresses, and sessionStorage belongs to this tab only and is gone when the
 * tab closes, where localStorage would keep them on the device for the next person at the browser.
 * A successful submit clears its draft; signing out clears them all (./oidc-sign-in.ts).
 */

const PREFIX = 'icp.form-draft:';

type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** The storage key of one form's draft: whose it is (the OIDC subject) and which form. */
export const draftKey = (subject: string, form: string): string => `${PREFIX}${subject}:${form}`;

/** The draft stored under `key`, parsed; undefined when there is none or it cannot be read. */
export function readDraft(key: string, storage: DraftStorage = sessionStorage): unknown {
  try {
    const raw = storage.getItem(key);
    return raw === null ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Keeps `value` under `key`; a full or unavailable storage only means no draft is kept. */
export function writeDraft(key: string, value: unknown, storage: DraftStorage = sessionStorage): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the form works, a reload just starts it again.
  }
}

export function clearDraft(key: string, storage: DraftStorage = sessionStorage): void {
  storage.removeItem(key);
}

/** Forgets every form draft of this tab (on sign-out: the next person at the browser sees none). */
export function clearAllDrafts(storage: DraftStorage = sessionStorage): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}
