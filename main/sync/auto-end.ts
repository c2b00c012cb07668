// Auto-end, off by default: a live meeting flagged as forgotten in a kind the policy lists is warned about
// first (its `autoEndAt`: the dashboard's banner and a notification), then ended unless the flag went away
// (someone joined, the last person left an "alone" meeting) or a person pressed Keep running. The rules are
// pure: the engine applies autoEndAtOf to every write and asks dueForAutoEnd each tick; endDue acts on it.
import type { Attention, Session } from '../../shared/session.js';

export type AttentionKind = Attention['kind'];

export interface AutoEndPolicy {
  /** The kinds of attention that end a meeting; empty: never. */
  kinds: ReadonlySet<AttentionKind>;
  /** How long the warning stands before the End. */
  warningMs: number;
  /** Meeting IDs never ended by the policy. */
  except: ReadonlySet<string>;
}

export const NO_AUTO_END: AutoEndPolicy = { kinds: new Set(), warningMs: 5 * 60_000, except: new Set() };

/** A warning whose time passed this long ago was not seen through (the app was stopped, the computer slept):
 * it is given again in full rather than acted on at once. Two of the engine's 30-s ticks. */
export const STALE_WARNING_MS = 60_000;

/** When the policy will end this session (ISO), or null. `before` is the session as it was: a warning stands
 * for the episode it was given in (same kind, same since). A join during an overrun's warning means the
 * meeting is in use: it is kept for this instance (the flag of the other kinds goes by itself). */
export function autoEndAtOf(before: Session | undefined, s: Session, now: number, policy: AutoEndPolicy): { autoEndAt: string | null; kept: boolean } {
  const a = s.attention;
  if (!a || s.kept || !policy.kinds.has(a.kind) || policy.except.has(s.meetingId)) return { autoEndAt: null, kept: s.kept };
  const warned = before?.autoEndAt != null && before.attention?.kind === a.kind && before.attention.since === a.since ? before.autoEndAt : null;
  if (warned && a.kind === 'overrun' && s.participants != null && before!.participants != null && s.participants > before!.participants) {
    return { autoEndAt: null, kept: true };
  }
  if (warned && now - Date.parse(warned) <= STALE_WARNING_MS) return { autoEndAt: warned, kept: false };
  return { autoEndAt: new Date(now + policy.warningMs).toISOString(), kept: false };
}

/** The sessions whose warning has run out, with the kind to name in the End audit (`policy:<kind>`). */
export function dueForAutoEnd(sessions: Iterable<Session>, now: number, policy: AutoEndPolicy): { meetingId: string; kind: AttentionKind }[] {
  if (policy.kinds.size === 0) return [];
  const due: { meetingId: string; kind: AttentionKind }[] = [];
  for (const s of sessions) {
    if (s.status !== 'live' || !s.autoEndAt || !s.attention || s.kept) continue;
    if (!policy.kinds.has(s.attention.kind) || policy.except.has(s.meetingId)) continue;
    if (Date.parse(s.autoEndAt) <= now) due.push({ meetingId: s.meetingId, kind: s.attention.kind });
  }
  return due;
}

const WHY: Record<AttentionKind, string> = { empty: 'nobody in it', alone: 'one person alone', overrun: 'past its booked end' };

/** Ends each due meeting in turn, as `policy:<kind>` (the End audit names it), and says so in the log (the
 * topic, never who was in it). One that Zoom refuses stays live and is warned about again. */
export async function endDue(
  due: readonly { meetingId: string; kind: AttentionKind }[],
  topicOf: (meetingId: string) => string,
  end: (meetingId: string, by: string) => Promise<unknown>,
  log: (line: string) => void,
): Promise<number> {
  let ended = 0;
  for (const { meetingId, kind } of due) {
    const topic = topicOf(meetingId);
    try {
      await end(meetingId, `policy:${kind}`);
      log(`auto-end: “${topic}” (${meetingId}) was ended: ${WHY[kind]}, and nobody kept it running.`);
      ended++;
    } catch (e) {
      log(`auto-end: “${topic}” (${meetingId}) could not be ended (${(e as Error).message}); it will be warned about again.`);
    }
  }
  return ended;
}
