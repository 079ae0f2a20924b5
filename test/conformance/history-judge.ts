/**
 * How a recorded GetExecutionHistory is compared with ours (the rules are in README.md, "History").
 *
 * Every event is compared on `type`, `id`, `previousEventId` and every `...EventDetails` object, field
 * by field with the placeholder rules of judge.ts; `timestamp` is ignored. Events in order, except the
 * events inside Parallel branches, which compare as a multiset (see `items`).
 */
import { difference, parseOutput } from './judge.ts';

/** An event as compared. `id` is `[0]` inside the Parallel branches LocalStack sorted when recording. */
export interface Event {
  type: string;
  id: unknown;
  previousEventId: unknown;
  /** The `...EventDetails` objects (and any other field but id, previousEventId, type, timestamp). */
  details: Record<string, Record<string, unknown>>;
}

/** One difference: `key` names what differs (`<event type>.<field>`), the pins hold keys. */
export interface HistoryDifference {
  key: string;
  message: string;
}

const NOT_DETAILS = new Set(['id', 'previousEventId', 'type', 'timestamp']);

/** The recording's or the SDK's event, with JSON text parsed the way README.md says. */
export function normaliseEvent(raw: object): Event {
  const r = raw as Record<string, unknown>;
  const details: Event['details'] = {};
  for (const [k, v] of Object.entries(r))
    if (!NOT_DETAILS.has(k) && v !== undefined) details[k] = normaliseDetails(v as Record<string, unknown>);
  return { type: String(r.type), id: r.id, previousEventId: r.previousEventId, details };
}

/**
 * `input` and `output` are JSON text on AWS; the recordings parsed some of them (objects, arrays) and
 * kept others as text ("1", "true"), so both sides are parsed. `assignedVariables` maps each name to
 * JSON text. Fields the SDK leaves undefined were not on the wire.
 */
function normaliseDetails(d: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    if (v === undefined) continue;
    if (k === 'input' || k === 'output') out[k] = parseOutput(v);
    else if (k === 'assignedVariables' && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v).map(([name, text]) => [name, parseOutput(text)]));
    else out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------- one event

function compareEvent(want: Event, got: Event, at: string): HistoryDifference[] {
  const t = want.type;
  const diff = (field: string, message: string) => ({
    key: `${t}.${field}`,
    message: `${at} ${t}: ${message}`,
  });
  if (got.type !== t) return [{ key: `${t}.type`, message: `${at}: expected ${t}, got ${got.type}` }];
  const out: HistoryDifference[] = [];
  for (const field of ['id', 'previousEventId'] as const) {
    const d = difference(want[field], got[field], field);
    if (d) out.push(diff(field, d));
  }
  for (const k of new Set([...Object.keys(want.details), ...Object.keys(got.details)])) {
    const w = want.details[k];
    const g = got.details[k];
    if (!g) out.push(diff(k, `${k} missing`));
    else if (!w) out.push(diff(k, `${k} ${j(g)} is not in the recording`));
    else
      for (const f of new Set([...Object.keys(w), ...Object.keys(g)])) {
        if (!(f in g)) out.push(diff(`${k}.${f}`, `${k}.${f} missing (expected ${j(w[f])})`));
        else if (!(f in w)) out.push(diff(`${k}.${f}`, `${k}.${f} ${j(g[f])} is not in the recording`));
        else {
          const d = difference(w[f], g[f], `${k}.${f}`);
          if (d) out.push(diff(`${k}.${f}`, d));
        }
      }
  }
  return out;
}

function j(v: unknown): string {
  const s = JSON.stringify(v);
  return s && s.length > 120 ? `${s.slice(0, 120)}…` : String(s);
}

// ---------------------------------------------------------------- Parallel branches

/** An event outside every Parallel branch, or the events of one run of a Parallel's branches. */
type Item = { event: Event } | { branches: Event[] };

const CLOSES_PARALLEL = new Set(['ParallelStateSucceeded', 'ParallelStateFailed', 'ParallelStateAborted']);

/**
 * Splits a history in its own order: the events between a ParallelStateStarted and the
 * ParallelStateSucceeded/Failed/Aborted at that nesting form one `branches` item (nested Parallels
 * stay inside it; a ParallelStateStarted with no ParallelStateEntered of its own is a retry, which
 * closes the run and opens the next). Everything else is an `event` item.
 */
function itemsByNesting(events: Event[]): Item[] {
  const items: Item[] = [];
  let depth = 0;
  let enteredNotStarted = 0;
  let run: Event[] | undefined;
  for (const e of events) {
    let level = depth;
    if (e.type === 'ParallelStateEntered') enteredNotStarted++;
    else if (e.type === 'ParallelStateStarted') {
      if (enteredNotStarted > 0) {
        enteredNotStarted--;
        depth++;
      } else level = depth - 1;
    } else if (CLOSES_PARALLEL.has(e.type)) {
      if (depth > 0) depth--;
      else enteredNotStarted = 0;
      level = depth;
    }
    if (level > 0) {
      run ??= [];
      run.push(e);
      continue;
    }
    if (run) items.push({ branches: run });
    run = undefined;
    items.push({ event: e });
  }
  if (run) items.push({ branches: run });
  return items;
}

const LOCALSTACK_CLOSERS = new Set([...CLOSES_PARALLEL, 'ParallelStateExited']);

/**
 * LocalStack's SfnNoneRecursiveParallelTransformer, which some recordings went through, ported line
 * for line: after each ParallelStateStarted, events get id [0] and previousEventId 0 and are sorted.
 * It re-applies the stale list at ParallelStateExited and so drops the ParallelStateSucceeded (or
 * Failed) event; applied to ours too, both sides lose the same event.
 */
export function localStackParallelTransform(input: Event[]): Event[] {
  const events = input.map((e) => ({ ...e }));
  let start = 0;
  let sublist: Event[] = [];
  let inSublist = false;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Event;
    if (LOCALSTACK_CLOSERS.has(e.type)) {
      const sorted = [...sublist].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      events.splice(start, Math.max(0, i - start), ...sorted);
      inSublist = false;
    } else if (e.type === 'ParallelStateStarted') {
      inSublist = true;
      sublist = [];
      start = i + 1;
    } else if (inSublist) {
      e.id = [0];
      e.previousEventId = 0;
      sublist.push(e);
    }
  }
  return events;
}

/** Runs of LocalStack-sorted events (id [0]) are the `branches` items. */
function itemsBySortedRuns(events: Event[]): Item[] {
  const items: Item[] = [];
  for (const e of events) {
    const last = items[items.length - 1];
    if (!Array.isArray(e.id)) items.push({ event: e });
    else if (last && 'branches' in last) last.branches.push(e);
    else items.push({ branches: [e] });
  }
  return items;
}

/**
 * Inside one run of branches the interleaving of the branches is free, so ids and previousEventIds
 * cannot be compared as numbers. Compared instead: the set of ids the run takes, and each event's
 * previousEventId as the event it points at (its id when that event is outside the run, its type and
 * state name when inside), with type and details, as a multiset. LocalStack-sorted runs hold no ids.
 */
function compareBranches(want: Event[], got: Event[], wantAll: Event[], gotAll: Event[], at: string) {
  const out: HistoryDifference[] = [];
  const sorted = want.some((e) => Array.isArray(e.id));
  if (!sorted) {
    const ids = (es: Event[]) => es.map((e) => Number(e.id)).sort((a, b) => a - b);
    const d = difference(ids(want), ids(got), 'ids');
    if (d) out.push({ key: 'Parallel branches.ids', message: `${at} Parallel branches: ${d}` });
  }
  const relative = (run: Event[], all: Event[]) =>
    run.map((e) => (sorted ? e : { ...e, id: 'in branch', previousEventId: pointsAt(e, run, all) }));
  const w = relative(want, wantAll);
  const g = relative(got, gotAll);
  const used = new Set<number>();
  for (const e of w) {
    const exact = g.findIndex((x, i) => !used.has(i) && compareEvent(e, x, '').length === 0);
    if (exact >= 0) {
      used.add(exact);
      continue;
    }
    const near = g.findIndex((x, i) => !used.has(i) && x.type === e.type && stateName(x) === stateName(e));
    if (near < 0) {
      out.push({ key: `${e.type}.missing`, message: `${at} ${e.type} ${stateName(e) ?? ''} missing` });
      continue;
    }
    used.add(near);
    out.push(...compareEvent(e, g[near] as Event, `${at} branch event`));
  }
  g.forEach((x, i) => {
    if (!used.has(i))
      out.push({
        key: `${x.type}.extra`,
        message: `${at} ${x.type} ${stateName(x) ?? ''} not in the recording`,
      });
  });
  return out;
}

function pointsAt(e: Event, run: Event[], all: Event[]): string {
  if (e.previousEventId === 0) return '0';
  const p = all.find((x) => x.id === e.previousEventId);
  if (!p) return `${String(e.previousEventId)} (no such event)`;
  return run.includes(p) ? `${p.type} ${stateName(p) ?? ''}` : `${String(p.id)} ${p.type}`;
}

function stateName(e: Event): unknown {
  return Object.values(e.details).find((d) => 'name' in d)?.name;
}

// ---------------------------------------------------------------- a whole history

/** Every difference between the recorded history and ours; an empty list when they match. */
export function historyDifferences(recorded: object[], ours: object[]): HistoryDifference[] {
  const want = recorded.map(normaliseEvent);
  let got = ours.map(normaliseEvent);
  const sortedByLocalStack = want.some((e) => Array.isArray(e.id));
  if (sortedByLocalStack) got = localStackParallelTransform(got);
  const wi = sortedByLocalStack ? itemsBySortedRuns(want) : itemsByNesting(want);
  const gi = sortedByLocalStack ? itemsBySortedRuns(got) : itemsByNesting(got);

  const out: HistoryDifference[] = [];
  let k = 0;
  for (; k < wi.length && k < gi.length; k++) {
    const w = wi[k] as Item;
    const g = gi[k] as Item;
    const before = wi[k - 1];
    const at =
      'event' in w
        ? `event ${String(w.event.id)}`
        : `branches after event ${before && 'event' in before ? String(before.event.id) : '?'}`;
    if ('event' in w && 'event' in g) {
      const d = compareEvent(w.event, g.event, at);
      out.push(...d);
      if (d.some((x) => x.key === `${w.event.type}.type`)) return out; // the rest is out of step
    } else if ('branches' in w && 'branches' in g) {
      out.push(...compareBranches(w.branches, g.branches, want, got, at));
    } else {
      const name = (i: Item) => ('event' in i ? i.event.type : 'Parallel branch events');
      const message = `${at}: expected ${name(w)}, got ${name(g)}`;
      return [...out, { key: `${name(w)}.type`, message }];
    }
  }
  const first = (i: Item | undefined) => (i && 'event' in i ? i.event.type : 'Parallel branches');
  if (k < wi.length)
    out.push({
      key: `${first(wi[k])}.missing`,
      message: `ours ends before ${first(wi[k])} (${wi.length - k} missing)`,
    });
  else if (k < gi.length)
    out.push({
      key: `${first(gi[k])}.extra`,
      message: `ours goes on with ${first(gi[k])} (${gi.length - k} more)`,
    });
  return out;
}
