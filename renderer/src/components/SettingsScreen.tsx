// The desktop app's settings (only in the Electron window): read and saved through the preload bridge;
// the main process validates again and keeps the MongoDB password encrypted, never sending it back.
import { useEffect, useState } from 'preact/hooks';
import type { SettingsView, ZoomSessionsBridge } from '../../../shared/ipc-contract.js';
import type { Settings } from '../../../shared/settings-schema.js';

type Field = keyof Settings;

type Set = <K extends Field>(k: K, v: Settings[K]) => void;

const AUTO_END_KINDS = [
  ['empty', 'Nobody in it'],
  ['alone', 'One person alone'],
  ['overrun', 'Past its booked end'],
] as const;

/** Which forgotten meetings the app ends by itself, and how long it warns first. */
function AutoEndFields({ draft, set }: { draft: Settings; set: Set }) {
  const toggle = (kind: Settings['autoEnd'][number]) => (e: Event) => {
    const on = (e.currentTarget as HTMLInputElement).checked;
    set('autoEnd', on ? [...draft.autoEnd.filter((k) => k !== kind), kind] : draft.autoEnd.filter((k) => k !== kind));
  };
  return (
    <fieldset class="auto-end-fields">
      <legend>End forgotten meetings by itself, after a warning (none ticked: only flag them)</legend>
      {AUTO_END_KINDS.map(([kind, words]) => (
        <label class="check" key={kind}>
          <input type="checkbox" checked={draft.autoEnd.includes(kind)} onChange={toggle(kind)} /> {words}
        </label>
      ))}
      <label for="auto-end-warning">Minutes of warning first (Keep running stops it)</label>
      <input id="auto-end-warning" type="number" min={1} max={60} value={draft.autoEndWarningMin} onInput={(e) => set('autoEndWarningMin', Number(e.currentTarget.value))} required />
    </fieldset>
  );
}

/** One input per setting, each changing the draft. */
function SettingsFields({ draft, set, canKeepSecrets }: { draft: Settings; set: Set; canKeepSecrets: boolean }) {
  const num = (k: 'liveIntervalSec' | 'port') => (e: Event) => set(k, Number((e.currentTarget as HTMLInputElement).value));
  const bool = (k: 'launchAtLogin' | 'notifyStarted' | 'notifyEnded' | 'notifyAttention') => (e: Event) => set(k, (e.currentTarget as HTMLInputElement).checked);
  const text = (k: 'globalShortcut' | 'mongoUri') => (e: Event) => set(k, (e.currentTarget as HTMLInputElement).value.trim());
  return (
    <>
      <label for="interval">Seconds between live checks (while Zoom events are not available)</label>
      <input id="interval" type="number" min={2} max={3600} value={draft.liveIntervalSec} onInput={num('liveIntervalSec')} required />
      <label for="port">Port for the dashboard in a browser (0: any free port)</label>
      <input id="port" type="number" min={0} max={65535} value={draft.port} onInput={num('port')} required />
      <label class="check">
        <input type="checkbox" checked={draft.launchAtLogin} onChange={bool('launchAtLogin')} /> Start when I log in
      </label>
      <label class="check">
        <input type="checkbox" checked={draft.notifyStarted} onChange={bool('notifyStarted')} /> Notify me when a session goes live
      </label>
      <label class="check">
        <input type="checkbox" checked={draft.notifyEnded} onChange={bool('notifyEnded')} /> Notify me when a session ends
      </label>
      <label class="check">
        <input type="checkbox" checked={draft.notifyAttention} onChange={bool('notifyAttention')} /> Notify me when a live session looks forgotten
      </label>
      <AutoEndFields draft={draft} set={set} />
      <label for="shortcut">Shortcut that opens this window (empty for none)</label>
      <input id="shortcut" value={draft.globalShortcut} placeholder="CommandOrControl+Shift+Z" onInput={text('globalShortcut')} />
      <label for="mongo">Shared MongoDB for team mode (empty: this computer only)</label>
      <input id="mongo" value={draft.mongoUri} placeholder="mongodb://user:password@host:27017" onInput={text('mongoUri')} spellcheck={false} autoComplete="off" />
      {!canKeepSecrets && <p class="hint">This computer has no keychain, so a MongoDB password cannot be saved here.</p>}
    </>
  );
}

/** The settings as the main process keeps them, a draft of the person's changes, and Save. */
function useSettingsDraft(shell: ZoomSessionsBridge) {
  const [view, setView] = useState<SettingsView | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<'no' | 'yes' | 'restart'>('no');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    shell.getSettings().then(
      (v) => {
        setView(v);
        setDraft(v.settings);
      },
      (e: unknown) => setErrors([e instanceof Error ? e.message : String(e)]),
    );
  }, [shell]);
  const set: Set = (k, v) => {
    setDraft((d) => (d ? { ...d, [k]: v } : d));
    setSaved('no');
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    setErrors([]);
    try {
      const r = await shell.saveSettings(draft);
      if (r.ok) {
        setView(r.view);
        setDraft(r.view.settings);
        setSaved(r.restartNeeded ? 'restart' : 'yes');
      } else setErrors(r.errors);
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    } finally {
      setBusy(false);
    }
  };
  return { view, draft, errors, saved, busy, set, save };
}

export function SettingsScreen({ shell, onClose }: { shell: ZoomSessionsBridge; onClose: () => void }) {
  const { view, draft, errors, saved, busy, set, save } = useSettingsDraft(shell);
  if (!view || !draft) {
    return (
      <main class="setup" aria-busy={errors.length === 0}>
        <h1>Settings</h1>
        {errors.map((e) => (
          <p class="error" role="alert" key={e}>{e}</p>
        ))}
      </main>
    );
  }

  return (
    <main class="setup">
      <h1>Settings</h1>
      {view.problems.map((p) => (
        <p class="banner warn" role="status" key={p}>{p}</p>
      ))}
      <form onSubmit={(e) => void save(e)}>
        <SettingsFields draft={draft} set={set} canKeepSecrets={view.canKeepSecrets} />
        {errors.length > 0 && (
          <div class="error" role="alert">
            {errors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        )}
        {saved === 'yes' && <p class="ok" role="status">Saved.</p>}
        {saved === 'restart' && (
          <p class="ok" role="status">
            Saved. The interval, port, database and auto-end change when the app starts again.{' '}
            <button type="button" class="btn" onClick={() => void shell.restart()}>
              Restart now
            </button>
          </p>
        )}
        <div class="buttons">
          <button type="button" class="btn" onClick={onClose}>
            Back to the sessions
          </button>
          <button type="submit" class="btn primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </main>
  );
}
