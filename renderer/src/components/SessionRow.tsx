// One session: what it is, how long it has been live, and what you can do with it.
import { Component } from 'preact';
import { useMemo } from 'preact/hooks';
import { computed, type ReadonlySignal } from '@preact/signals';
import type { Session } from '../../../shared/session.js';
import { formatMeetingId, isPersonalLink, joinTarget, webClientUrl } from '../../../shared/join-links.js';
import { isAllowedZoomLink } from '../../../shared/zoom-links.js';
import { freeWords } from '../../../shared/room-words.js';
import { ago, elapsed, people } from '../format.js';
import type { RowActions } from '../row-actions.js';
import { RowMenu, type MenuItem } from './RowMenu.js';
import { PeoplePanel } from './PeoplePanel.js';

export type { RowActions };

interface RowProps {
  s: Session;
  /** The page's clock; read by the time words alone (see RowBody), never by the row. */
  clock: ReadonlySignal<number>;
  actions: RowActions;
  style?: string;
  /** A live row's "who is in" panel: open or not, kept by Live (a row scrolled out of the page and back in
   * opens as it was). */
  peopleOpen?: boolean;
  togglePeople?: (meetingId: string) => void;
}

function zoomOnly(url: string | null): string | undefined {
  return url != null && isAllowedZoomLink(url) ? url : undefined;
}

// Personal links open only in a browser; every other meeting opens in the Zoom app first.
// Checked again right before they become links: only Zoom's links are ever put in an href.
const primaryUrl = (s: Session) => zoomOnly(joinTarget(s.meetingId, s.joinUrl));
const browserUrl = (s: Session) => zoomOnly(s.joinUrl && isPersonalLink(s.joinUrl) ? s.joinUrl : webClientUrl(s.meetingId, s.joinUrl));

interface Links {
  primary: string | undefined;
  browser: string | undefined;
  personal: boolean;
}
/** A session's links, parsed once per session object (sessions are replaced, never mutated): a row drawn
 * again for the clock or a scroll does not parse its URLs again. */
const linksMade = new WeakMap<Session, Links>();
function linksOf(s: Session): Links {
  let links = linksMade.get(s);
  if (!links) linksMade.set(s, (links = { primary: primaryUrl(s), browser: browserUrl(s), personal: s.joinUrl ? isPersonalLink(s.joinUrl) : false }));
  return links;
}

/** Re-rendered only when its session or its position changed; the clock's tick does not draw it again. A
 * class of its own rather than preact/compat's memo, whose import adds a hook to every element the page makes. */
export class SessionRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const a = this.props;
    return !(a.s === next.s && a.style === next.style && a.actions === next.actions && a.clock === next.clock && a.peopleOpen === next.peopleOpen && a.togglePeople === next.togglePeople);
  }

  override render(props: RowProps) {
    return <Row {...props} />;
  }
}

/** A live meeting's row opens to show who is in it: its count is the button (a disclosure). */
function Row(props: RowProps) {
  const { s, togglePeople } = props;
  if (s.status !== 'live' || !togglePeople) return <RowBody {...props} />;
  const open = props.peopleOpen ?? false;
  const panelId = `people-${s.meetingId}`;
  return (
    <div role="listitem" class="live-item" data-meeting-id={s.meetingId}>
      <RowBody {...props} people={{ open, panelId, toggle: () => togglePeople(s.meetingId) }} />
      {open && <PeoplePanel s={props.s} id={panelId} clock={props.clock} />}
    </div>
  );
}

function timeWords(s: Session, clock: ReadonlySignal<number>) {
  const live = s.status === 'live';
  return {
    when: computed(() => (live ? (s.liveSince ? `live for ${elapsed(s.liveSince, clock.value)}` : 'live') : freeWords(s, clock.value))),
    whenTitle: computed(() => (!live && s.lastLiveAt ? `Last live ${ago(s.lastLiveAt, clock.value)}` : undefined)),
  };
}

interface PeopleToggle {
  open: boolean;
  panelId: string;
  toggle: () => void;
}

/** "3 people ▾": opens the names under the row (in a narrow window the row's "More" menu does). */
function CountButton({ s, people: p }: { s: Session; people: PeopleToggle }) {
  const count = s.participants == null ? 'live' : people(s.participants);
  return (
    <button
      type="button"
      class="count people-toggle wide-only"
      aria-expanded={p.open}
      aria-controls={p.panelId}
      aria-label={`Who is in ${s.topic || 'this meeting'}: ${count}`}
      title={s.participants == null ? 'Zoom gives no count in this mode' : undefined}
      onClick={p.toggle}
    >
      {count} <span aria-hidden="true">{p.open ? '▴' : '▾'}</span>
    </button>
  );
}

function RowBody({ s, clock, actions, style, people: toggle }: RowProps & { people?: PeopleToggle }) {
  const id = formatMeetingId(s.meetingId);
  const host = s.hostName ?? s.hostEmail ?? 'Unknown host';
  const { primary, browser, personal } = linksOf(s);
  const live = s.status === 'live';
  // The secondary actions: inline in a wide window, in the row's "More" menu in a narrow one.
  const browserLink: MenuItem | null = !personal && browser ? { label: 'Browser', name: `Browser: join ${s.topic} in the web client`, href: browser, onSelect: (e) => actions.open(s, browserUrl, true, e) } : null;
  const copyLink: MenuItem = { label: 'Copy link', name: `Copy link of ${s.topic}`, onSelect: () => actions.copy(s, 'link') };
  // A passcode not read yet is read on Copy; '' is Zoom saying the meeting has none.
  const copyId: MenuItem = s.passcode !== ''
    ? { label: 'Copy ID & passcode', name: `Copy ID & passcode of ${s.topic}`, onSelect: () => actions.copy(s, 'id') }
    : { label: 'Copy ID', name: `Copy ID of ${s.topic}`, title: 'This meeting has no passcode', onSelect: () => actions.copy(s, 'id') };
  const whoIsIn: MenuItem | null = toggle
    ? { label: toggle.open ? 'Hide who is in' : 'Who is in', name: `${toggle.open ? 'Hide who is in' : 'Who is in'} ${s.topic || 'this meeting'}`, onSelect: toggle.toggle }
    : null;
  // A live meeting: for how long. An available one, as a room: until when it is free. Signals bound to the
  // text and the title: each second's tick rewrites the words where they changed, and draws no row again
  // (it re-rendered all ~250 rows in view, and a change arriving then waited for them).
  const { when, whenTitle } = useMemo(() => timeWords(s, clock), [s, clock]);
  return (
    <div role={toggle ? undefined : 'listitem'} class={`row ${live ? 'live' : ''}`} style={style} data-meeting-id={toggle ? undefined : s.meetingId}>
      <div class="who">
        <span class="topic" title={s.topic}>{s.topic || 'Untitled meeting'}</span>
        <span class="meta">
          {/* In a narrow window the count leads this line, leaving the topic the width. */}
          {live && <span class="count-inline narrow-only" data-count={s.participants == null ? 'live' : people(s.participants)} />}
          <span class="mid">{id}</span> · <span class="host" title={s.hostEmail ?? undefined}>{host}</span> · <span class="when" title={whenTitle}>{when}</span>
        </span>
      </div>
      {toggle && <CountButton s={s} people={toggle} />}
      <div class="actions">
        <a class="btn primary" href={primary} onClick={(e) => actions.open(s, primaryUrl, false, e)} aria-label={`Join ${s.topic}`}>
          Join
        </a>
        {browserLink && (
          <a class="btn wide-only" href={browserLink.href} target="_blank" rel="noopener noreferrer" onClick={browserLink.onSelect} aria-label={browserLink.name}>
            Browser
          </a>
        )}
        <button type="button" class="btn wide-only" onClick={copyLink.onSelect} aria-label={copyLink.name}>
          Copy link
        </button>
        <button type="button" class="btn wide-only" onClick={copyId.onSelect} aria-label={copyId.name} title={copyId.title}>
          {copyId.label}
        </button>
        <RowMenu label={`More actions for ${s.topic || 'this meeting'}`} items={[...(whoIsIn ? [whoIsIn] : []), ...(browserLink ? [browserLink] : []), copyLink, copyId]} />
        {live && (
          <button type="button" class="btn danger" onClick={() => actions.end(s)} aria-label={`End… ${s.topic}`}>
            End…
          </button>
        )}
      </div>
    </div>
  );
}
