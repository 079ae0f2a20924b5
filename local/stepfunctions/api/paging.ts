/** Offset paging for the List* operations: `nextToken` is the offset of the next page. */

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function page<T>(
  items: T[],
  request: { nextToken?: string | undefined; maxResults?: number | undefined },
  defaultMax = 100,
): Page<T> {
  const offset = request.nextToken ? Number(request.nextToken) || 0 : 0;
  // AWS: maxResults 0 (or absent) means the default page size.
  const max = request.maxResults && request.maxResults > 0 ? request.maxResults : defaultMax;
  const out: Page<T> = { items: items.slice(offset, offset + max) };
  if (offset + max < items.length) out.nextToken = String(offset + max);
  return out;
}
