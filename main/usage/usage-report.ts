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

/** The offset of a time zone from UTC at time t (ms). DST moves on hour boundaries, so it is asked of Intl
 * once per UTC hour: in an array over [from, to] (a report asks ~200 000 times), in a map outside it. */
export function offsetFinder(tz: string, from = 0, to = 0): (t: number) => number {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const ask = (hour: number) => {
    const p = Object.fromEntries(fmt.formatToParts(hour * HOUR).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - hour * HOUR;
  };
  const first = Math.floor(from / HOUR) - 48;
  const inWindow = new Float64Array(Math.max(0, Math.ceil(to / HOUR) + 48 - first)).fill(NaN);
  const outside = new Map<number, number>();
  return (t) => {
    const hour = Math.floor(t / HOUR);
    const i = hour - first;
    if (i >= 0 && i < inWindow.length) {
      const known = inWindow[i]!;
      return Number.isNaN(known) ? (inWindow[i] = ask(hour)) : known;
    }
    let off = outside.get(hour);
    if (off === undefined) outside.set(hour, (off = ask(hour)));
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

/** ms of an ISO 8601 time. The stored form ("2026-11-28T09:00:00.000Z") is read by hand: a report reads
 * 200 000 of them, and Date.parse takes three times as long. Any other form goes to Date.parse. */
export function isoMs(s: string): number {
  if (s.length !== 24 || s.charCodeAt(23) !== 90 /* Z */) return Date.parse(s);
  const d = (i: number, n: number) => {
    let v = 0;
    for (let k = i; k < i + n; k++) v = v * 10 + s.charCodeAt(k) - 48;
    return v;
  };
  return Date.UTC(d(0, 4), d(5, 2) - 1, d(8, 2), d(11, 2), d(14, 2), d(17, 2), d(20, 3));
}

/** Each instance clipped to the window (a live one runs until now); those outside it left out. */
function spans(input: UsageInput): Span[] {
  const out: Span[] = [];
  for (const i of input.instances) {
    const start = Math.max(isoMs(i.startedAt), input.from);
    const end = Math.min(i.endedAt == null ? input.now : isoMs(i.endedAt), input.to);
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

// Sweep events packed in one number, sorted as numbers: at one instant an end first (back-to-back meetings
// are not at once), then a bucket's start, then a start. Times in ms stay exact below 2^53 when times 4.
const END = 0;
const PROBE = 1;
const START = 2;

/** Most meetings live at once within each bucket (a local bucket number of a time), and overall. A meeting
 * live as a bucket begins counts in it: `probes` are the buckets' starts. */
function peaks(all: readonly Span[], bucketOf: (t: number) => number, probes: readonly number[]): { byBucket: Map<number, number>; peak: number; peakAt: number | null } {
  const events = new Float64Array(all.length * 2 + probes.length);
  let n = 0;
  for (const t of probes) events[n++] = t * 4 + PROBE;
  for (const s of all) {
    events[n++] = s.start * 4 + START;
    events[n++] = s.end * 4 + END;
  }
  events.sort();
  const byBucket = new Map<number, number>();
  let live = 0;
  let peak = 0;
  let peakAt: number | null = null;
  // Events come in time order, so buckets do too: the current one's peak is kept aside until the next.
  let bucket = NaN;
  let bucketPeak = 0;
  for (const e of events) {
    const kind = e % 4;
    const t = (e - kind) / 4;
    if (kind === END) {
      live--;
      continue;
    }
    if (kind === START) live++;
    const k = bucketOf(t);
    if (k !== bucket) {
      if (!Number.isNaN(bucket)) byBucket.set(bucket, Math.max(bucketPeak, byBucket.get(bucket) ?? 0));
      [bucket, bucketPeak] = [k, 0];
    }
    if (live > bucketPeak) bucketPeak = live;
    if (live > peak) [peak, peakAt] = [live, t];
  }
  if (!Number.isNaN(bucket)) byBucket.set(bucket, Math.max(bucketPeak, byBucket.get(bucket) ?? 0));
  return { byBucket, peak, peakAt };
}

const dayKey = (dayIndex: number) => new Date(dayIndex * DAY).toISOString().slice(0, 10);
const hourKey = (hourIndex: number) => new Date(hourIndex * HOUR).toISOString().slice(0, 13);

interface Acc {
  key: string | number;
  label: string;
  meetings: number;
  /** The last span counted in `meetings`: one span gives several hours to one day. */
  lastSpan: number;
  ms: number;
  peakParticipants: number | null;
  tookPart: number | null;
  spans: Span[];
}

type Groups = Map<string | number, Acc>;

function add(groups: Groups, key: string | number, label: string, s: Span, index: number, ms: number): void {
  let a = groups.get(key);
  if (!a) groups.set(key, (a = { key, label, meetings: 0, lastSpan: -1, ms: 0, peakParticipants: null, tookPart: null, spans: [] }));
  if (a.lastSpan !== index) {
    a.meetings++;
    a.lastSpan = index;
    a.spans.push(s);
  }
  a.ms += ms;
  if (s.i.peakParticipants != null) a.peakParticipants = Math.max(a.peakParticipants ?? 0, s.i.peakParticipants);
  if (s.i.tookPart != null) a.tookPart = Math.max(a.tookPart ?? 0, s.i.tookPart);
}

/** The groups, the heatmap (weekday 0 = Monday x local hour) and the total live time, in one walk over the
 * spans split at local hour boundaries. Local day and hour numbers count from 1970-01-01 (a Thursday). */
function walk(all: readonly Span[], groupBy: GroupBy, offset: (t: number) => number): { groups: Groups; heatmap: number[][]; totalMs: number } {
  const groups: Groups = new Map();
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let totalMs = 0;
  all.forEach((s, index) => {
    totalMs += s.end - s.start;
    if (groupBy === 'room') add(groups, s.i.meetingId, s.i.topic, s, index, s.end - s.start);
    if (groupBy === 'host') add(groups, s.i.hostName ?? '(unknown host)', s.i.hostName ?? '(unknown host)', s, index, s.end - s.start);
    for (let t = s.start; t < s.end; ) {
      const off = offset(t);
      const hourIndex = Math.floor((t + off) / HOUR);
      const next = Math.min(s.end, (hourIndex + 1) * HOUR - off);
      const dayIndex = Math.floor(hourIndex / 24);
      heatmap[(((dayIndex + 3) % 7) + 7) % 7]![((hourIndex % 24) + 24) % 24]! += (next - t) / HOUR;
      if (groupBy === 'day') add(groups, dayIndex, '', s, index, next - t);
      if (groupBy === 'hour') add(groups, hourIndex, '', s, index, next - t);
      t = next;
    }
  });
  return { groups, heatmap, totalMs };
}

export function usageReport(input: UsageInput): UsageReport {
  const offset = offsetFinder(input.tz, input.from, input.to);
  const all = spans(input);
  const { groups, heatmap, totalMs } = walk(all, input.groupBy, offset);
  const localDay = (t: number) => Math.floor((t + offset(t)) / DAY);
  const days = bucketStarts(input.from, input.to, DAY, offset);
  const overall = peaks(all, localDay, days);
  const bucketed = input.groupBy === 'day' || input.groupBy === 'hour';
  const bucketPeaks =
    input.groupBy === 'day' ? overall.byBucket : input.groupBy === 'hour' ? peaks(all, (t) => Math.floor((t + offset(t)) / HOUR), bucketStarts(input.from, input.to, HOUR, offset)).byBucket : null;
  const used = new Set(all.map((s) => s.i.meetingId));
  const round = (h: number) => Math.round(h * 100) / 100;
  const keyOf = (k: string | number) => (typeof k === 'string' ? k : input.groupBy === 'day' ? dayKey(k) : hourKey(k));
  return {
    from: new Date(input.from).toISOString(),
    to: new Date(input.to).toISOString(),
    tz: input.tz,
    groupBy: input.groupBy,
    totals: { meetings: all.length, hoursLive: round(totalMs / HOUR), peakConcurrent: overall.peak, peakAt: overall.peakAt == null ? null : new Date(overall.peakAt).toISOString() },
    groups: [...groups.values()]
      .sort((x, y) => (bucketed ? Number(x.key) - Number(y.key) : y.ms - x.ms || x.label.localeCompare(y.label)))
      .map((a) => ({
        key: keyOf(a.key),
        label: bucketed ? (input.groupBy === 'day' ? keyOf(a.key) : `${keyOf(a.key).replace('T', ' ')}:00`) : a.label,
        meetings: a.meetings,
        hoursLive: round(a.ms / HOUR),
        peakParticipants: a.peakParticipants,
        tookPart: a.tookPart,
        peakConcurrent: bucketPeaks ? (bucketPeaks.get(Number(a.key)) ?? 0) : peaks(a.spans, () => 0, []).peak,
      })),
    peakByDay: days.map((t) => localDay(t)).map((d) => ({ day: dayKey(d), peakConcurrent: overall.byBucket.get(d) ?? 0 })),
    heatmap: heatmap.map((row) => row.map(round)),
    idleRooms: input.rooms.filter((r) => !used.has(r.meetingId)).map((r) => ({ meetingId: r.meetingId, topic: r.topic, hostName: r.hostName })),
    licenses: input.licenses,
    historySince: input.historySince,
  };
}
