// "Needs attention": live meetings that look forgotten (nobody in, one person alone, long past their booked
// end), above Live, longest first, each with End… and Keep running. Not narrowed by a search: a forgotten
// meeting is worth seeing whatever one is looking for. When the auto-end policy will end one, a banner
// says so first, with Keep running at hand; its words are stable (a clock time), so a screen reader hears
// it once, and the minutes left are shown beside them.
import { useState } from 'preact/hooks';
import type { Session } from '../../../shared/session.js';
import { attentionWords, autoEndWords, clock, spanWords } from '../../../shared/room-words.js';
import { api } from '../api.js';
import type { Store } from '../store.js';
import { byIso } from '../../../shared/clock.js';

interface Props {
  store: Store;
  end: (s: Session) => void;
  say: (text: string) => void;
}

/** "Ending “Ops stand-up” at 14:05 (in 4 min) — Keep running", soonest first. */
function AutoEndBanner({ ending, now, keeping, keep }: { ending: Session[]; now: number; keeping: string | null; keep: (s: Session) => Promise<void> }) {
  return (
    <div class="auto-end-banner" role="alert">
      {ending.map((s) => {
        const topic = s.topic || 'Untitled meeting';
        return (
          <p key={s.meetingId}>
            <span>
              Ending “{topic}” at {clock(s.autoEndAt!, now)}
              <span aria-hidden="true"> (in {spanWords(Date.parse(s.autoEndAt!) - now)})</span>
            </span>
            <button type="button" class="btn primary" disabled={keeping === s.meetingId} onClick={() => void keep(s)} aria-label={`Keep running, do not end: ${topic}`}>
              Keep running
            </button>
          </p>
        );
      })}
    </div>
  );
}

export function AttentionStrip({ store, end, say }: Props) {
  const [keeping, setKeeping] = useState<string | null>(null);
  const items = store.attention.value;
  if (items.length === 0) return null;
  const now = store.clock.value;
  const keep = async (s: Session) => {
    setKeeping(s.meetingId);
    try {
      const { session } = await api.keep(s.meetingId);
      store.receive('session', { session });
      say(`“${s.topic || s.meetingId}” keeps running; it will not be flagged again until it ends.`);
    } catch (e) {
      say(`Could not keep “${s.topic || s.meetingId}” running: ${e instanceof Error ? e.message : 'try again'}`);
    } finally {
      setKeeping(null);
    }
  };
  const ending = items.filter((s) => s.autoEndAt).sort((a, b) => byIso(a.autoEndAt!, b.autoEndAt!));
  return (
    <section aria-labelledby="attention-h" class="attention-section">
      <h2 id="attention-h">Needs attention ({items.length})</h2>
      {ending.length > 0 && <AutoEndBanner ending={ending} now={now} keeping={keeping} keep={keep} />}
      <ul class="attention" aria-label="Meetings that need attention">
        {items.map((s) => {
          const topic = s.topic || 'Untitled meeting';
          return (
            <li key={s.meetingId} data-meeting-id={s.meetingId} data-kind={s.attention!.kind}>
              <span class="reason" title={s.attention!.text}>
                <strong>{topic}</strong>: {attentionWords(s, now)}
                {s.autoEndAt && <span class="auto-end"> · {autoEndWords(s, now)}</span>}
              </span>
              <span class="actions">
                <button type="button" class="btn" disabled={keeping === s.meetingId} onClick={() => void keep(s)} aria-label={`Keep running: ${topic}`}>
                  Keep running
                </button>
                <button type="button" class="btn danger" onClick={() => end(s)} aria-label={`End… ${topic}`}>
                  End…
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
