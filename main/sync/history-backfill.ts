// The usage history's first 30 days, read back from Zoom's Dashboard (past meetings, Resource-intensive):
// a page at a time, newest day first, only when the on-demand share of the budget has been idle, so a day
// takes two minutes or so. Each day is two listings — meetings more than one person attended (`past`), and
// those only one did (`pastOne`: the host who waited alone for a no-show) — read one after the other.
// Where it got to is kept in the data dir, so a restart goes on from there; a page token Zoom no longer
// honours (they live 15 minutes) starts that listing over. Meetings the app recorded itself (with their
// counts and who ended them) are never replaced by Zoom's summary of them. Without the Dashboard it waits:
// history then starts when the app first watched.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { UsageInstance } from '../../shared/api-schema.js';
import type { PastType, ZoomDashboardMeeting } from '../zoom/wire-types.js';
import { replaceFile } from '../store/file-pieces.js';
import { instanceKey, type SessionStore } from '../store/session-store.js';
import { isExpiredPageToken, isZoomError } from '../zoom/errors.js';

export const BACKFILL_DAYS = 30;
export const BACKFILL_FILE = 'history-backfill.json';
/** A page is asked for only 90 s after the last: the Dashboard slot the live poll leaves stays free for a
 * person (Check setup, the doctor) most of each minute. */
export const BACKFILL_IDLE_MS = 90_000;

interface Cursor {
  /** The day (UTC) the backfill began on: it reads the BACKFILL_DAYS before it. */
  from: string;
  /** Days read completely, newest first. */
  done: number;
  /** The listing of the day being read. */
  type: PastType;
  /** Its next page. */
  page: string | null;
}

export interface PastSource {
  pastMeetingsPage(day: string, type: PastType, pageToken: string | null, idleMs: number): Promise<{ meetings: ZoomDashboardMeeting[]; next: string | null } | null>;
}

/** A past meeting as a history record; null when Zoom's row lacks what one needs. Pure. */
export function fromPast(m: ZoomDashboardMeeting): UsageInstance | null {
  if (!m.uuid || !m.start_time || !m.end_time || !Number.isFinite(Date.parse(m.start_time)) || !Number.isFinite(Date.parse(m.end_time))) return null;
  return {
    uuid: m.uuid,
    meetingId: String(m.id),
    topic: m.topic ?? '',
    hostName: m.host || m.email || null,
    startedAt: new Date(m.start_time).toISOString(),
    endedAt: new Date(m.end_time).toISOString(),
    // Zoom's `participants` counts everyone who took part, not the most at once: the peak is not known.
    peakParticipants: null,
    tookPart: typeof m.participants === 'number' && m.participants >= 0 ? m.participants : null,
    participantMinutes: null,
    endedBy: null,
  };
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

export class HistoryBackfill {
  private cursor: Cursor | null = null;

  constructor(
    private readonly opts: {
      source: PastSource;
      store: SessionStore;
      dataDir: string;
      now: () => number;
      /** "history: 12 of 30 days read", or null when done. */
      progress: (p: { done: number; total: number } | null) => void;
      log: (line: string) => void;
    },
  ) {}

  private get file(): string {
    return path.join(this.opts.dataDir, BACKFILL_FILE);
  }

  /** One page if the budget allows: 'read', 'waiting' (not now) or 'done'. */
  async step(): Promise<'read' | 'waiting' | 'done'> {
    const c = (this.cursor ??= await this.load());
    if (c.done >= BACKFILL_DAYS) return 'done';
    const day = dayOf(Date.parse(`${c.from}T00:00:00Z`) - (c.done + 1) * 86_400_000);
    let page: Awaited<ReturnType<PastSource['pastMeetingsPage']>>;
    try {
      page = await this.opts.source.pastMeetingsPage(day, c.type, c.page, BACKFILL_IDLE_MS);
    } catch (e) {
      if (!isZoomError(e)) throw e;
      if (c.page && isExpiredPageToken(e)) {
        // Rows already saved are skipped when the listing is read again.
        this.opts.log(`history: Zoom no longer honours the page token for ${day}; reading that day's meetings again from the first page.`);
        c.page = null;
        await this.keep(c);
        return 'waiting';
      }
      this.opts.log(`history: Zoom's past meetings of ${day} were not read (${e.message}); trying again later.`);
      return 'waiting';
    }
    if (!page) return 'waiting';
    await this.save(page.meetings, day);
    if (page.next) c.page = page.next;
    else if (c.type === 'past') Object.assign(c, { type: 'pastOne', page: null });
    else Object.assign(c, { done: c.done + 1, type: 'past', page: null });
    await this.keep(c);
    this.opts.progress(c.done >= BACKFILL_DAYS ? null : { done: c.done, total: BACKFILL_DAYS });
    return c.done >= BACKFILL_DAYS ? 'done' : 'read';
  }

  /** Zoom's past meetings of a day, but for those the app recorded itself. */
  private async save(meetings: readonly ZoomDashboardMeeting[], day: string): Promise<void> {
    const rows = meetings.flatMap((m) => fromPast(m) ?? []);
    if (rows.length === 0) return;
    const next = dayOf(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000);
    const known = new Set((await this.opts.store.instances({ from: `${day}T00:00:00.000Z`, to: `${next}T00:00:00.000Z` })).map(instanceKey));
    await this.opts.store.saveInstances(rows.filter((r) => !known.has(instanceKey(r))));
  }

  private async load(): Promise<Cursor> {
    try {
      const c = JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<Cursor>;
      if (typeof c.from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.from) && Number.isInteger(c.done) && (c.page === null || typeof c.page === 'string')) {
        // A cursor from before `pastOne` was read is in the day's `past` listing.
        return { from: c.from, done: c.done!, type: c.type === 'pastOne' ? 'pastOne' : 'past', page: c.page };
      }
    } catch {
      // none yet, or not ours: start over (pages already read are skipped as known)
    }
    return { from: dayOf(this.opts.now()), done: 0, type: 'past', page: null };
  }

  private keep(c: Cursor): Promise<void> {
    return replaceFile(this.file, (fh) => fh.writeFile(JSON.stringify(c)));
  }
}
