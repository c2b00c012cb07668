// "End …?": names the meeting and who is in it; shows progress while Zoom answers and Zoom's error
// in words with what to do. Native <dialog>: modal, focus kept inside, Escape closes.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../../../shared/session.js';
import { formatMeetingId } from '../../../shared/join-links.js';
import { ApiError } from '../api.js';
import { clock, people } from '../format.js';

export function describeEndError(e: unknown, now: number): string {
  if (!(e instanceof ApiError)) return 'Something went wrong. Try again.';
  if (e.code === 'zoom-rate-limited') return `Zoom rate limit reached — try again after ${e.retryAt ? clock(e.retryAt, now) : 'a minute'}.`;
  if (e.code === 'meeting-gone') return 'This meeting no longer exists in Zoom. It has been removed from the list.';
  if (e.code === 'not-live') return 'This meeting is no longer live.';
  if (e.code === 'unreachable') return e.message;
  if (e.code === 'zoom-auth') return `Zoom refused our credentials: ${e.message} Check the Zoom app's settings.`;
  if (e.code === 'zoom-forbidden') return `Zoom does not allow this: ${e.message}`;
  return `Zoom could not end the meeting: ${e.message} Try again.`;
}

export function EndDialog({ session, onClose, end }: { session: Session; onClose: () => void; end: (id: string) => Promise<unknown> }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await end(session.meetingId);
      onClose();
    } catch (e) {
      setError(describeEndError(e, Date.now()));
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="end-title" aria-describedby="end-desc" onClose={onClose} onCancel={(e) => busy && e.preventDefault()}>
      <h2 id="end-title">End “{session.topic || formatMeetingId(session.meetingId)}”?</h2>
      <p id="end-desc">
        This ends the meeting for everyone in it ({people(session.participants)}). Zoom tells them the host ended it.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => ref.current?.close()} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="btn danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
          {busy ? 'Ending…' : error ? 'Try again' : 'End meeting'}
        </button>
      </div>
    </dialog>
  );
}
