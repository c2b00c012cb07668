// The dashboard: what is live now, what is available, join in one click, end with a confirm.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ZoomSessionsBridge } from '../../../shared/ipc-contract.js';
import type { Session } from '../../../shared/session.js';
import { api } from '../api.js';
import type { Store } from '../store.js';
import { ActivityDialog } from './ActivityDialog.js';
import { EndDialog } from './EndDialog.js';
import { Header } from './Header.js';
import { rowActions, type RowActions } from '../row-actions.js';
import { SessionLists } from './SessionLists.js';
import { SettingsScreen } from './SettingsScreen.js';
import { Setup } from './Setup.js';
import { Banner } from './StatusLine.js';

/** A screen that follows a hash (#settings, #usage: the tray opens them so). Closing drops the hash. */
function useHashScreen(name: string, enabled = true): { open: boolean; setOpen: (open: boolean) => void; close: () => void } {
  const [open, setOpen] = useState(() => enabled && location.hash === `#${name}`);
  useEffect(() => {
    if (!enabled) return;
    const onHash = () => setOpen(location.hash === `#${name}`);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [name, enabled]);
  const close = () => {
    history.replaceState(null, '', location.pathname);
    setOpen(false);
  };
  return { open, setOpen, close };
}

type UsageViewType = typeof import('./UsageView.js').UsageView;

/** The Usage view follows #usage (the tray's "Usage…" opens it); its code is loaded the first time. */
function useUsage(): [UsageViewType | null, boolean, (open: boolean) => void] {
  const screen = useHashScreen('usage');
  const [view, setView] = useState<UsageViewType | null>(null);
  useEffect(() => {
    if (screen.open && !view) void import('./UsageView.js').then((m) => setView(() => m.UsageView));
  }, [screen.open, view]);
  const set = (next: boolean) => {
    if (!next) return screen.close();
    location.hash = 'usage';
    screen.setOpen(true);
  };
  return [view, screen.open, set];
}

/** "/" focuses the search box, unless the person is typing or a dialog is open. */
function useSlashToSearch(search: { current: HTMLInputElement | null }, paused: boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing && !paused) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [paused, search]);
}

/** What a row's buttons do; stable across renders, so rows that did not change are not drawn again. */
function useRowActions(shell: ZoomSessionsBridge | undefined, say: (text: string) => void, setEnding: (s: Session) => void): RowActions {
  return useMemo(() => rowActions(shell, say, setEnding), [shell, say, setEnding]);
}

export function App({ store, shell }: { store: Store; shell?: ZoomSessionsBridge }) {
  const [ending, setEnding] = useState<Session | null>(null);
  const [toast, setToast] = useState('');
  const [settingUp, setSettingUp] = useState(false);
  const [inActivity, setInActivity] = useState(false);
  const [UsageView, inUsage, setInUsage] = useUsage();
  const settings = useHashScreen('settings', shell != null);
  const search = useRef<HTMLInputElement>(null);
  useSlashToSearch(search, ending != null || inActivity);
  const say = useMemo(() => (text: string) => {
    setToast(text);
    setTimeout(() => setToast((t) => (t === text ? '' : t)), 2500);
  }, []);
  const actions = useRowActions(shell, say, setEnding);
  const end = async (id: string) => {
    const { session } = await api.end(id);
    store.receive('session', { session });
    say(`Ended “${session.topic}”`);
  };

  const configured = store.configured.value;
  // First run shows setup until the service says it is configured; later it is opened from the header.
  if (configured === false || settingUp) return <Setup onClose={configured ? () => setSettingUp(false) : undefined} />;
  if (settings.open && shell) return <SettingsScreen shell={shell} onClose={settings.close} />;
  if (inUsage) {
    return (
      <div class="app">
        {UsageView ? <UsageView onClose={() => setInUsage(false)} /> : <p class="muted">Loading usage…</p>}
      </div>
    );
  }
  return (
    <div class="app">
      <Header store={store} search={search} say={say} onAccount={() => setSettingUp(true)} onActivity={() => setInActivity(true)} onUsage={() => setInUsage(true)} onSettings={shell ? () => settings.setOpen(true) : undefined} />
      <Banner store={store} />
      <SessionLists store={store} actions={actions} say={say} />
      <div class="toast" role="status" aria-live="polite">
        {toast}
      </div>
      {inActivity && <ActivityDialog onClose={() => setInActivity(false)} />}
      {ending && <EndDialog session={store.get(ending.meetingId) ?? ending} onClose={() => setEnding(null)} end={end} />}
    </div>
  );
}
