// Reading a large account's catalog: each host's scheduled list, a batch of hosts at a time, handed over
// batch by batch so the view fills as it goes; and the order in which passcodes are worth reading.
import type { ZoomUser } from '../zoom/wire-types.js';
import type { Pacer } from './pacer.js';
import type { CatalogMeeting } from './reconcile.js';
import type { ZoomApi } from './zoom-api.js';
import { fromScheduled, personalRoom } from './zoom-mapping.js';

/** Hosts read (and shown) at a time: ~3 s of Medium calls at our share of the budget. */
export const CATALOG_BATCH_HOSTS = 50;

/** One entry per meeting id (the last one wins). */
export const unique = <T extends { meetingId: string }>(items: T[]): T[] => [...new Map(items.map((c) => [c.meetingId, c])).values()];

export interface CatalogRead {
  zoom: Pick<ZoomApi, 'listUserMeetings'>;
  pacer: Pacer;
  users: ZoomUser[];
  /** false once the reading must stop: calls not yet sent are not sent. */
  going: () => boolean;
  /** Every batch but the last, with how many hosts are read so far. */
  onBatch: (batch: CatalogMeeting[], hostsRead: number) => Promise<void>;
}

/** The whole catalog; null when stopped halfway (what was not read is not gone from Zoom). */
export async function readCatalog(r: CatalogRead): Promise<CatalogMeeting[] | null> {
  const all: CatalogMeeting[] = [];
  for (let i = 0; i < r.users.length || i === 0; i += CATALOG_BATCH_HOSTS) {
    const hosts = r.users.slice(i, i + CATALOG_BATCH_HOSTS);
    const lists = await r.pacer.map(hosts, async (u) => (r.going() ? (await r.zoom.listUserMeetings(u.id, 'scheduled')).map((m) => fromScheduled(m, u)) : []));
    if (!r.going()) return null;
    const batch = unique([...lists.flat(), ...hosts.map(personalRoom)].filter((c): c is CatalogMeeting => c != null));
    all.push(...batch);
    if (i + hosts.length >= r.users.length) break;
    await r.onBatch(batch, i + hosts.length);
  }
  return unique(all);
}

/** Whose passcodes (and links) to read first: meetings with no link at all (personal rooms: they cannot be
 * joined without one), then the soonest to start. Pure. */
export function detailsOrder(catalog: CatalogMeeting[]): string[] {
  const soonest = (c: CatalogMeeting) => (c.nextStartAt ? Date.parse(c.nextStartAt) : Infinity);
  const order = (c: CatalogMeeting) => (c.joinUrl ? soonest(c) : -Infinity);
  return [...catalog].sort((a, b) => order(a) - order(b)).map((c) => c.meetingId);
}
