// Who is in a live meeting, under its row: names and "joined 12 min ago", read from the service when the row
// is opened (and again when its count changes), with where they come from and why some are missing. Names
// are never kept here beyond the open panel.
import { useEffect, useState } from 'preact/hooks';
import type { ReadonlySignal } from '@preact/signals';
import type { Participants } from '../../../shared/api-schema.js';
import type { Session } from '../../../shared/session.js';
import { api } from '../api.js';
import { ago, clock } from '../format.js';

const SOURCE: Record<string, string> = { events: "from Zoom's join and leave events", dashboard: "from Zoom's Dashboard" };

export function PeoplePanel({ s, id, clock: nowSignal }: { s: Session; id: string; clock: ReadonlySignal<number> }) {
  const now = nowSignal.value; // "joined 5 s ago": this panel follows the clock, its row does not
  const [found, setFound] = useState<Participants | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let gone = false;
    api.participants(s.meetingId).then(
      (p) => !gone && (setFound(p), setError('')),
      (e: unknown) => !gone && setError(e instanceof Error ? e.message : 'The names could not be read.'),
    );
    return () => void (gone = true);
  }, [s.meetingId, s.participants]);
  const topic = s.topic || 'this meeting';
  return (
    <div id={id} class="people-panel" role="region" aria-label={`Who is in ${topic}`} aria-busy={!found && !error}>
      {error && <p class="error">{error}</p>}
      {!found && !error && <p class="muted">Reading who is in…</p>}
      {found && (
        <>
          {found.participants.length > 0 && (
            <ul class="people" aria-label={`People in ${topic}`}>
              {found.participants.map((p) => (
                <li key={`${p.userId ?? ''}-${p.name}-${p.joinedAt}`}>
                  <span class="name">{p.name}</span> <span class="muted">joined {ago(p.joinedAt, now)}</span>
                </li>
              ))}
            </ul>
          )}
          <p class="muted">
            {found.source ? `Names ${SOURCE[found.source]}, as of ${clock(found.asOf, now)}.` : 'No names.'}
            {found.unnamed > 0 && found.participants.length > 0 && ` ${found.unnamed} more not named.`}
            {found.note && ` ${found.note}`}
          </p>
        </>
      )}
    </div>
  );
}
