// The tray: one glance tells what is live; one click joins or ends it. A pure function from what the
// engine knows to a menu template; the Electron shell turns actions into clicks.
import type { Session, SyncStatus } from '../../shared/session.js';
import { currentError, isStale, syncModeText } from '../../shared/sync-status-text.js';
import { peopleCount } from '../../shared/people.js';
import { attentionWords, autoEndWords } from '../../shared/room-words.js';
import { byIso } from '../../shared/clock.js';

export type TrayAction =
  | { kind: 'join' | 'copy-link' | 'copy-id' | 'end' | 'keep'; meetingId: string }
  | { kind: 'open-dashboard' | 'refresh' | 'usage' | 'settings' | 'toggle-notifications' | 'quit' };

export interface TrayItem {
  label?: string;
  type?: 'separator' | 'checkbox';
  enabled?: boolean;
  checked?: boolean;
  submenu?: TrayItem[];
  action?: TrayAction;
}

export interface TrayMenu {
  items: TrayItem[];
  /** macOS shows this beside the icon: the live count, empty when nothing is live. */
  title: string;
  tooltip: string;
}

export const AVAILABLE_IN_TRAY = 10;
const MAX_LABEL = 60;
/** The status line may run longer than a topic. */
const MAX_STATUS = 80;

/** Menus do not wrap: long topics are cut with an ellipsis. */
export function clip(text: string, max = MAX_LABEL): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function minutes(since: string | null, now: number): string {
  if (!since) return 'live';
  const m = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The sync line: what is wrong first, else how fresh. */
export function statusLine(status: SyncStatus | null, now: number): string {
  if (!status) return 'Starting…';
  if (!status.configured) return 'Zoom is not set up: open the dashboard';
  if (status.database) return 'Shared database unreachable: changes kept';
  const err = currentError(status);
  if (err) return clip(`Zoom error: ${err.message}`, MAX_STATUS);
  const mode = syncModeText(status);
  if (status.liveVia === 'events' || status.team === 'follower') return clip(`Up to date · ${mode}`, MAX_STATUS);
  if (!status.lastLiveSyncAt) return 'First check in progress…';
  // Fresh, the line names no seconds: a menu stands still while it is open, and one that changed with every
  // poll would be handed to the OS again each time (closing it in the person's hand).
  if (!isStale(status, now)) return clip(`Up to date · ${mode}`, MAX_STATUS);
  const ago = Math.max(0, Math.round((now - Date.parse(status.lastLiveSyncAt)) / 1000));
  return clip(`Stale: Updated ${ago < 60 ? `${ago} s` : `${Math.round(ago / 60)} min`} ago · ${mode}`, MAX_STATUS);
}

/** The most relevant available sessions: the next to start first, then the most recently live. */
function relevant(available: Session[], now: number): Session[] {
  const upcoming = (s: Session) => (s.nextStartAt && Date.parse(s.nextStartAt) >= now ? Date.parse(s.nextStartAt) : Infinity);
  return [...available].sort((a, b) => upcoming(a) - upcoming(b) || Date.parse(b.lastLiveAt ?? '0') - Date.parse(a.lastLiveAt ?? '0') || a.topic.localeCompare(b.topic));
}

/** A passcode not read yet is read on Copy; '' is Zoom saying the meeting has none. */
const copyIdLabel = (s: Session) => (s.passcode === '' ? 'Copy ID' : 'Copy ID & passcode');

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Forgotten-looking meetings on top, longest first: why, and End… or Keep running. */
function attentionSection(live: Session[], now: number): TrayItem[] {
  const flagged = live.filter((s) => s.attention).sort((a, b) => byIso(a.attention!.since, b.attention!.since));
  if (flagged.length === 0) return [];
  return [
    { label: `Needs attention (${flagged.length})`, enabled: false },
    ...flagged.map((s): TrayItem => ({
      label: `${clip(s.topic || 'Untitled meeting', 34)}: ${attentionWords(s, now)}`,
      submenu: [
        // The auto-end warning first: the person opening this has minutes to keep it.
        ...(s.autoEndAt ? [{ label: capitalised(autoEndWords(s, now)!), enabled: false }] : []),
        { label: 'Join', action: { kind: 'join', meetingId: s.meetingId } },
        { label: 'Keep running', action: { kind: 'keep', meetingId: s.meetingId } },
        { type: 'separator' },
        { label: 'End…', action: { kind: 'end', meetingId: s.meetingId } },
      ],
    })),
    { type: 'separator' },
  ];
}

/** Names shown in a meeting's "5 people ▸" submenu at most. */
const NAMES_IN_TRAY = 10;

/** "5 people ▸" with the names known without asking Zoom (events, or the Dashboard's answer of the last
 * minute), the first ones in join order; nothing when none are known. */
function peopleItem(names: readonly string[] | null, count: number | null): TrayItem[] {
  if (!names || names.length === 0) return [];
  const total = Math.max(count ?? 0, names.length);
  const more = total - Math.min(names.length, NAMES_IN_TRAY);
  return [
    {
      label: peopleCount(total) ?? `${total} people`,
      submenu: [
        ...names.slice(0, NAMES_IN_TRAY).map((n): TrayItem => ({ label: clip(n, 40), enabled: false })),
        ...(more > 0 ? [{ label: `and ${more} more (in the dashboard)`, enabled: false }] : []),
      ],
    },
  ];
}

export function buildTrayMenu(
  sessions: readonly Session[],
  status: SyncStatus | null,
  now: number,
  opts: { notificationsPaused: boolean; namesOf?: (meetingId: string) => readonly string[] | null },
): TrayMenu {
  const live = sessions.filter((s) => s.status === 'live').sort((a, b) => a.topic.localeCompare(b.topic));
  const available = sessions.filter((s) => s.status === 'available');
  const items: TrayItem[] = [...attentionSection(live, now), { label: `Live now (${live.length})`, enabled: false }];
  if (live.length === 0) items.push({ label: 'Nothing is live', enabled: false });
  for (const s of live) {
    const parts = [clip(s.topic || 'Untitled meeting', 40), peopleCount(s.participants), minutes(s.liveSince, now)].filter(Boolean);
    items.push({
      label: parts.join(' · '),
      submenu: [
        { label: 'Join', action: { kind: 'join', meetingId: s.meetingId } },
        { label: 'Copy link', action: { kind: 'copy-link', meetingId: s.meetingId } },
        { label: copyIdLabel(s), action: { kind: 'copy-id', meetingId: s.meetingId } },
        ...peopleItem(opts.namesOf?.(s.meetingId) ?? null, s.participants),
        { type: 'separator' },
        { label: 'End…', action: { kind: 'end', meetingId: s.meetingId } },
      ],
    });
  }
  items.push({ type: 'separator' }, { label: `Available (${available.length})`, enabled: false });
  for (const s of relevant(available, now).slice(0, AVAILABLE_IN_TRAY)) {
    items.push({
      label: clip(s.topic || 'Untitled meeting'),
      submenu: [
        { label: 'Join', action: { kind: 'join', meetingId: s.meetingId } },
        { label: 'Copy link', action: { kind: 'copy-link', meetingId: s.meetingId } },
        { label: copyIdLabel(s), action: { kind: 'copy-id', meetingId: s.meetingId } },
      ],
    });
  }
  if (available.length > AVAILABLE_IN_TRAY) items.push({ label: 'More in dashboard…', action: { kind: 'open-dashboard' } });
  items.push(
    { type: 'separator' },
    { label: statusLine(status, now), enabled: false },
    // What limits the view now (a refused subscription, a daily limit, no instant meetings): one line each.
    ...(status?.notes ?? []).map((note): TrayItem => ({ label: clip(note.charAt(0).toUpperCase() + note.slice(1), MAX_STATUS), enabled: false })),
    { type: 'separator' },
    { label: 'Open dashboard', action: { kind: 'open-dashboard' } },
    { label: 'Refresh now', enabled: status?.configured === true, action: { kind: 'refresh' } },
    { label: 'Usage…', action: { kind: 'usage' } },
    { label: 'Settings…', action: { kind: 'settings' } },
    { label: 'Pause notifications', type: 'checkbox', checked: opts.notificationsPaused, action: { kind: 'toggle-notifications' } },
    { type: 'separator' },
    { label: 'Quit', action: { kind: 'quit' } },
  );
  const tooltip = live.length === 0 ? 'Zoom sessions: nothing live' : `Zoom sessions: ${live.length} live`;
  return { items, title: live.length ? String(live.length) : '', tooltip };
}
