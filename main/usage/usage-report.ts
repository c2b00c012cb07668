// How the rooms were used in a window: hours live, meetings and peak participants per room or host, the
// most meetings live at once per day and per hour, a weekday × hour heatmap of live hours, and the rooms
// nobody used. Days and hours are the viewer's (an IANA time zone). Instances are clipped to the window;
// a live one runs until now. Pure, table-tested.
import type { UsageInstance, UsageReport } from '../../shared/api-schema.js';

export type GroupBy = 'room' | 'host' | 'day' | 'hour';

export interface UsageInput {
  instances: readonly UsageInstance[];
  /** Every room the app knows (catalog and seen live): those without an instance in the window are idle. */
  rooms: readonly { meetingId: string; topic: string; hostName: string | null }[];
  from: number;
  to: number;
  now: number;
  tz: string;
  groupBy: GroupBy;
  licenses: number | null;
  historySince: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The offset of a time zone from UTC at time t (ms), cached per UTC hour: DST moves on hour boundaries. */
export function offsetFinder(tz: string): (t: number) => number {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const cache = new Map<number, number>();
  return (t) => {
    const hour = Math.floor(t / HOUR);
    let off = cache.get(hour);
    if (off === undefined) {
      const p = Object.fromEntries(fmt.formatToParts(hour * HOUR).map((x) => [x.type, x.value]));
      off = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - hour * HOUR;
      cache.set(hour, off);
    }
    return off;
  };
}

/** A valid IANA zone name, or null. */
export function checkedTimeZone(tz: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}

interface Span {
  i: UsageInstance;
  start: number;
  end: number;
}

/** Each instance clipped to the window (a live one runs until now); those outside it left out. */
function spans(input: UsageInput): Span[] {
  const out: Span[] = [];
  for (const i of input.instances) {
    const start = Math.max(Date.parse(i.startedAt), input.from);
    const end = Math.min(i.endedAt == null ? input.now : Date.parse(i.endedAt), input.to);
    if (end > start) out.push({ i, start, end });
  }
  return out;
}

/** The instants local buckets (days or hours) begin at within [from, to), the window's start first. */
function bucketStarts(from: number, to: number, unit: number, offset: (t: number) => number): number[] {
  const out = [from];
  for (let t = from; ; ) {
    const nextLocal = Math.floor((t + offset(t)) / unit) * unit + unit;
    // The offset of the next boundary itself: DST moves it.
    const next = nextLocal - offset(nextLocal - offset(t));
    if (next >= to || next <= t) return out;
    out.push(next);
    t = next;
  }
}

/** Most meetings live at once within each bucket (keyed by the local bucket of a time), and overall. A
 * meeting live as a bucket begins counts in it: `probes` are the buckets' starts. */
function peaks(all: Span[], bucketOf: (t: number) => string, probes: readonly number[]): { byBucket: Map<string, number>; peak: number; peakAt: number | null } {
  const events: [number, number][] = probes.map((t) => [t, 0]);
  for (const s of all) events.push([s.start, 1], [s.end, -1]);
  // At one instant: ends first (back-to-back meetings are not at once), then a bucket's start, then starts.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const byBucket = new Map<string, number>();
  let live = 0;
  let peak = 0;
  let peakAt: number | null = null;
  for (const [t, d] of events) {
    live += d;
    if (d < 0) continue;
    const k = bucketOf(t);
    if (live > (byBucket.get(k) ?? 0)) byBucket.set(k, live);
    if (live > peak) [peak, peakAt] = [live, t];
  }
  return { byBucket, peak, peakAt };
}

/** Splits [start, end) at local hour boundaries: (local hour start, ms in it). */
function* hourPieces(start: number, end: number, offset: (t: number) => number): Generator<[number, number]> {
  let t = start;
  while (t < end) {
    const off = offset(t);
    const localHour = Math.floor((t + off) / HOUR) * HOUR;
    const next = Math.min(end, localHour + HOUR - off);
    yield [localHour, next - t];
    t = next;
  }
}

const dayKey = (local: number) => new Date(local).toISOString().slice(0, 10);
const hourKey = (local: number) => new Date(local).toISOString().slice(0, 13);
/** 0 = Monday. */
const weekday = (local: number) => (new Date(local).getUTCDay() + 6) % 7;

interface Acc {
  key: string;
  label: string;
  ids: Set<string>;
  ms: number;
  peakParticipants: number | null;
  spans: Set<Span>;
}

export function usageReport(input: UsageInput): UsageReport {
  const offset = offsetFinder(input.tz);
  const all = spans(input);
  const groups = new Map<string, Acc>();
  const acc = (key: string, label: string) => {
    let a = groups.get(key);
    if (!a) groups.set(key, (a = { key, label, ids: new Set(), ms: 0, peakParticipants: null, spans: new Set() }));
    return a;
  };
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let totalMs = 0;
  for (const s of all) {
    const id = s.i.uuid ?? `${s.i.meetingId}@${s.i.startedAt}`;
    totalMs += s.end - s.start;
    const add = (a: Acc, ms: number) => {
      a.ids.add(id);
      a.ms += ms;
      if (s.i.peakParticipants != null) a.peakParticipants = Math.max(a.peakParticipants ?? 0, s.i.peakParticipants);
      a.spans.add(s);
    };
    if (input.groupBy === 'room') add(acc(s.i.meetingId, s.i.topic), s.end - s.start);
    if (input.groupBy === 'host') add(acc(s.i.hostName ?? '(unknown host)', s.i.hostName ?? '(unknown host)'), s.end - s.start);
    for (const [localHour, ms] of hourPieces(s.start, s.end, offset)) {
      heatmap[weekday(localHour)]![new Date(localHour).getUTCHours()]! += ms / HOUR;
      if (input.groupBy === 'day') add(acc(dayKey(localHour), dayKey(localHour)), ms);
      if (input.groupBy === 'hour') add(acc(hourKey(localHour), `${hourKey(localHour).replace('T', ' ')}:00`), ms);
    }
  }
  const localDay = (t: number) => dayKey(t + offset(t));
  const days = bucketStarts(input.from, input.to, DAY, offset);
  const overall = peaks(all, localDay, days);
  const localHourKey = (t: number) => hourKey(t + offset(t));
  const bucketOf = input.groupBy === 'day' ? localDay : input.groupBy === 'hour' ? localHourKey : null;
  const bucketPeaks = bucketOf ? peaks(all, bucketOf, bucketOf === localDay ? days : bucketStarts(input.from, input.to, HOUR, offset)).byBucket : null;
  const used = new Set(all.map((s) => s.i.meetingId));
  const round = (h: number) => Math.round(h * 100) / 100;
  return {
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    tz: input.tz,
    groupBy: input.groupBy,
    totals: { meetings: all.length, hoursLive: round(totalMs / HOUR), peakConcurrent: overall.peak, peakAt: overall.peakAt == null ? null : new Date(overall.peakAt).toISOString() },
    groups: [...groups.values()]
      .map((a) => ({
        key: a.key,
        label: a.label,
        meetings: a.ids.size,
        hoursLive: round(a.ms / HOUR),
        peakParticipants: a.peakParticipants,
        peakConcurrent: bucketPeaks ? (bucketPeaks.get(a.key) ?? 0) : peaks([...a.spans], localDay, []).peak,
      }))
      .sort((x, y) => (bucketOf ? x.key.localeCompare(y.key) : y.hoursLive - x.hoursLive || x.label.localeCompare(y.label))),
    peakByDay: daysOf(input.from, input.to, offset).map((day) => ({ day, peakConcurrent: overall.byBucket.get(day) ?? 0 })),
    heatmap: heatmap.map((row) => row.map(round)),
    idleRooms: input.rooms.filter((r) => !used.has(r.meetingId)).map((r) => ({ meetingId: r.meetingId, topic: r.topic, hostName: r.hostName })),
    licenses: input.licenses,
    historySince: input.historySince,
  };
}

/** Every local day the window touches, in order. */
function daysOf(from: number, to: number, offset: (t: number) => number): string[] {
  const out: string[] = [];
  for (let t = from; t < to; t += DAY) out.push(dayKey(t + offset(t)));
  const last = dayKey(to - 1 + offset(to - 1));
  if (out.at(-1) !== last) out.push(last);
  return [...new Set(out)];
}
