// The desktop app's settings: defaults, validation on load (a bad saved value falls back to its
// default and says so) and on save (refused with the reasons), and the MongoDB password kept apart,
// encrypted through the vault or not at all. Pure over what electron-store holds.
import { Value } from 'typebox/value';
import { SettingsSchema, RESTART_SETTINGS, type Settings } from '../../shared/settings-schema.js';
import type { SettingsView } from '../../shared/ipc-contract.js';
import type { SecretVault } from '../account/secret-vault.js';

/** What is written to disk: never a password in clear. */
export interface StoredSettings {
  settings: Partial<Settings>;
  /** base64 of the vault's ciphertext of the MongoDB password */
  mongoPassword?: string;
}

export const DEFAULT_SETTINGS: Settings = Value.Create(SettingsSchema);

const KEYS = Object.keys(SettingsSchema.properties) as (keyof Settings)[];
const HIDDEN = '***';

/** mongodb://user:pass@host → the URI without the password, and the password (decoded as written). */
export function splitMongoPassword(uri: string): { uri: string; password: string | null } {
  const m = /^(mongodb(?:\+srv)?:\/\/)([^:@/]*):([^@/]*)@(.*)$/.exec(uri);
  if (!m) return { uri, password: null };
  return { uri: `${m[1]}${m[2]}@${m[4]}`, password: m[3]! };
}

function withPassword(uri: string, password: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)([^:@/]*)@/, (_m, scheme: string, user: string) => `${scheme}${user}:${password}@`);
}

export function loadSettings(stored: StoredSettings | undefined, vault: SecretVault | null): { settings: Settings; problems: string[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  const saved = (stored?.settings ?? {}) as Record<string, unknown>;
  for (const key of KEYS) {
    if (!(key in saved)) continue;
    if (Value.Check(SettingsSchema.properties[key], saved[key])) (settings as Record<string, unknown>)[key] = saved[key];
    else problems.push(`The saved ${key} was not valid; using ${JSON.stringify(DEFAULT_SETTINGS[key])}.`);
  }
  if (stored?.mongoPassword && settings.mongoUri) {
    try {
      if (!vault?.available) throw new Error('no keychain');
      settings.mongoUri = withPassword(settings.mongoUri, vault.decrypt(Buffer.from(stored.mongoPassword, 'base64')));
    } catch {
      problems.push('The MongoDB password cannot be read on this computer: enter it again in Settings.');
      settings.mongoUri = '';
    }
  }
  return { settings, problems };
}

/** What the window may see: the password replaced by ***. */
export function settingsView(settings: Settings, problems: string[], vault: SecretVault | null): SettingsView {
  const { uri, password } = splitMongoPassword(settings.mongoUri);
  return {
    settings: { ...settings, mongoUri: password == null ? uri : withPassword(uri, HIDDEN) },
    problems,
    canKeepSecrets: vault?.available === true,
  };
}

/** Validates what the window sent; *** stands for the password already saved for the same user and host. */
export function prepareSave(
  input: unknown,
  previous: Settings,
  vault: SecretVault | null,
): { ok: true; settings: Settings; stored: StoredSettings; restartNeeded: boolean } | { ok: false; errors: string[] } {
  if (!Value.Check(SettingsSchema, input)) {
    const errors = [...Value.Errors(SettingsSchema, input)].map((e) => `${e.instancePath.replace(/^\//, '') || 'settings'}: ${e.message}`);
    return { ok: false, errors: errors.length ? errors : ['The settings are not valid.'] };
  }
  const next = { ...(input) };
  const { uri } = splitMongoPassword(next.mongoUri);
  let { password } = splitMongoPassword(next.mongoUri);
  if (password === HIDDEN) {
    const prev = splitMongoPassword(previous.mongoUri);
    if (prev.uri !== uri || prev.password == null) return { ok: false, errors: ['mongoUri: enter the password again (the server or user changed).'] };
    password = prev.password;
    next.mongoUri = withPassword(uri, password);
  }
  const stored: StoredSettings = { settings: { ...next, mongoUri: uri } };
  if (password) {
    if (!vault?.available) {
      return { ok: false, errors: ['mongoUri: this computer has no keychain to encrypt the password, so it is not saved. Set MONGODB_URI in the environment instead.'] };
    }
    stored.mongoPassword = vault.encrypt(password).toString('base64');
  }
  const restartNeeded = RESTART_SETTINGS.some((k) => JSON.stringify(next[k]) !== JSON.stringify(previous[k]));
  return { ok: true, settings: next, stored, restartNeeded };
}

/** The service's environment as Settings change it: the live interval, the shared MongoDB, and auto-end
 * (set in Settings, it wins over ZOOM_SESSIONS_AUTO_END; left empty there, the environment's stands). */
export function serviceEnv(s: Settings, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    ZOOM_SESSIONS_LIVE_INTERVAL: String(s.liveIntervalSec),
    ...(s.mongoUri ? { MONGODB_URI: s.mongoUri } : {}),
    ...(s.autoEnd.length > 0 ? { ZOOM_SESSIONS_AUTO_END: s.autoEnd.join(','), ZOOM_SESSIONS_AUTO_END_WARNING: `${s.autoEndWarningMin}m` } : {}),
  };
}
