// What a row's Join, Browser and Copy do. The background reads passcodes soonest meeting first; a meeting
// it has not got to yet has its link and passcode read first (one call, ahead of the queue), so a copied
// link or a Join lets people in without typing a passcode. When Zoom cannot tell us, the action goes on
// without it and says so.
import type { ZoomSessionsBridge } from '../../shared/ipc-contract.js';
import { genericJoinUrl, lacksDetails, meetingIdAndPasscode, passcodeProblem } from '../../shared/join-links.js';
import type { Session } from '../../shared/session.js';
import { isAllowedZoomLink } from '../../shared/zoom-links.js';
import { api } from './api.js';

export interface RowActions {
  /** Join (same tab, or the Zoom app) and Browser (`newTab`): the url is worked out from the session. */
  open(s: Session, urlOf: (s: Session) => string | undefined, newTab: boolean, e: MouseEvent): void;
  copy(s: Session, what: 'link' | 'id'): void;
  end(s: Session): void;
}

/** The session with its details read first when missing, and what went wrong with that, in words. */
async function withDetails(s: Session): Promise<{ full: Session; problem: string | null }> {
  if (!lacksDetails(s)) return { full: s, problem: null };
  try {
    return { full: (await api.details(s.meetingId)).session, problem: null };
  } catch (e) {
    return { full: s, problem: passcodeProblem(e) };
  }
}

function openHere(url: string, newTab: boolean, shell: ZoomSessionsBridge | undefined): void {
  // In the desktop app links go through the shell, which opens only Zoom links.
  if (!isAllowedZoomLink(url)) return;
  if (shell) void shell.openZoomLink(url);
  else if (newTab) window.open(url, '_blank', 'noopener,noreferrer');
  else location.href = url;
}

export function rowActions(shell: ZoomSessionsBridge | undefined, say: (text: string) => void, setEnding: (s: Session) => void): RowActions {
  const write = (text: string, what: string, problem: string | null) =>
    navigator.clipboard.writeText(text).then(
      () => say(problem ? `${what} copied; ${problem}.` : `${what} copied`),
      () => say(`Could not copy the ${what.toLowerCase()}`),
    );
  return {
    open(s, urlOf, newTab, e) {
      const known = urlOf(s);
      // Known details and a browser: the link does it itself (middle-click, "open in new tab" included).
      if (!lacksDetails(s) && !shell) return;
      e.preventDefault();
      if (!lacksDetails(s)) return void (known && openHere(known, newTab, shell));
      void withDetails(s).then(({ full, problem }) => {
        if (problem) say(`Joining without the passcode: ${problem}; Zoom will ask for it.`);
        const url = urlOf(full);
        if (url) openHere(url, newTab, shell);
      });
    },
    copy(s, what) {
      void withDetails(s).then(({ full, problem }) => {
        if (what === 'link') return write(full.joinUrl ?? genericJoinUrl(full.meetingId), 'Link', problem);
        return write(meetingIdAndPasscode(full.meetingId, full.passcode), full.passcode ? 'Meeting ID and passcode' : 'Meeting ID', problem);
      });
    },
    end: (s) => setEnding(s),
  };
}
