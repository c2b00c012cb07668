// Only Zoom links enter: a join link from Zoom that is not https on a Zoom host becomes no link.
// Pure: the engine logs what was refused, once per meeting.
import { checkedJoinUrl } from '../../shared/zoom-links.js';
import type { Snapshot } from './reconcile.js';

interface HasLink {
  meetingId: string;
  joinUrl: string | null;
}

export function withZoomLinksOnly(snapshot: Snapshot): { snapshot: Snapshot; refused: string[] } {
  const refused: string[] = [];
  const check = <T extends HasLink>(items: T[] | undefined): T[] | undefined =>
    items?.map((m) => {
      if (m.joinUrl == null || checkedJoinUrl(m.joinUrl) != null) return m;
      refused.push(m.meetingId);
      return { ...m, joinUrl: null };
    });
  return { snapshot: { ...snapshot, live: check(snapshot.live), catalog: check(snapshot.catalog), details: check(snapshot.details) }, refused };
}
