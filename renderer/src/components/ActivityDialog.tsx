// "Activity": the End audit, newest first — when, which meeting, who asked (the dashboard, the tray, an API
// token by its label, the auto-end policy) and what Zoom answered; older entries a page at a time. Native
// <dialog>: modal, focus kept inside, Escape closes.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuditEntry } from '../../../shared/api-schema.js';
import { actorWords, outcomeWords } from '../../../shared/audit-words.js';
import { formatMeetingId } from '../../../shared/join-links.js';
import { clock } from '../../../shared/room-words.js';
import { api } from '../api.js';

/** The entries, newest first: when, which meeting, who asked, what came of it. */
function ActivityList({ entries, now }: { entries: AuditEntry[]; now: number }) {
  return (
    <ol class="activity-list" aria-label="Ends, newest first">
      {entries.map((e) => (
        <li key={`${e.at}-${e.meetingId}`} data-outcome={e.outcome}>
          <time dateTime={e.at}>{clock(e.at, now)}</time>
          <span class="what">
            <strong>{e.topic || formatMeetingId(e.meetingId)}</strong> · {actorWords(e.by)}
          </span>
          <span class="outcome">{outcomeWords(e)}</span>
        </li>
      ))}
    </ol>
  );
}

export function ActivityDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [error, setError] = useState('');
  const load = async (before: string | null) => {
    setState('loading');
    try {
      const page = await api.audit(before);
      setEntries((e) => (before ? [...e, ...page.entries] : page.entries));
      setNext(page.next);
      setState('ready');
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The activity could not be read.');
      setState('failed');
    }
  };
  useEffect(() => {
    ref.current?.showModal();
    void load(null);
  }, []);
  return (
    <dialog ref={ref} class="dialog activity" aria-labelledby="activity-title" onClose={onClose}>
      <h2 id="activity-title">Activity</h2>
      <p class="muted">Every End: who asked and what Zoom answered. Kept 90 days.</p>
      {state === 'failed' && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {entries.length === 0 && state === 'loading' && <p>Loading…</p>}
      {entries.length === 0 && state === 'ready' && <p>No meeting has been ended in the last 90 days.</p>}
      {entries.length > 0 && <ActivityList entries={entries} now={Date.now()} />}
      <div class="dialog-actions">
        {next && (
          <button type="button" class="btn" onClick={() => void load(next)} disabled={state === 'loading'} aria-busy={state === 'loading'}>
            {state === 'loading' ? 'Loading…' : 'Older'}
          </button>
        )}
        {state === 'failed' && (
          <button type="button" class="btn" onClick={() => void load(entries.at(-1)?.at ?? null)}>
            Try again
          </button>
        )}
        <button type="button" class="btn primary" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
