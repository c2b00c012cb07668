// The desktop app's settings: typed, with defaults, validated on load and on save. Secrets are not
// here in clear: the MongoDB URI's password is kept through the vault (safeStorage) by main/app.
import { Type, type Static } from 'typebox';

/** Electron accelerators such as CommandOrControl+Shift+Z: modifiers, then one key. */
export const ACCELERATOR_PATTERN =
  '^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\\+){1,4}([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Up|Down|Left|Right|Home|End|PageUp|PageDown)$';

export const SettingsSchema = Type.Object(
  {
    liveIntervalSec: Type.Integer({ minimum: 2, maximum: 3600, default: 10, description: 'Seconds between live checks while polling' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 5000, description: 'Port of the local API and dashboard (0: any free port)' }),
    launchAtLogin: Type.Boolean({ default: false }),
    notifyStarted: Type.Boolean({ default: true, description: 'A notification when a session goes live' }),
    notifyEnded: Type.Boolean({ default: false, description: 'A notification when a session ends' }),
    notifyAttention: Type.Boolean({ default: true, description: 'A notification when a live session looks forgotten (once each time)' }),
    autoEnd: Type.Array(Type.Union([Type.Literal('empty'), Type.Literal('alone'), Type.Literal('overrun')]), {
      uniqueItems: true,
      maxItems: 3,
      default: [],
      description: 'Forgotten meetings the app ends by itself, after a warning: empty, alone, overrun; none by default',
    }),
    autoEndWarningMin: Type.Integer({ minimum: 1, maximum: 60, default: 5, description: 'Minutes of warning before an auto-end' }),
    globalShortcut: Type.Union([Type.Literal(''), Type.String({ pattern: ACCELERATOR_PATTERN })], {
      default: 'CommandOrControl+Shift+Z',
      description: 'Opens the dashboard from anywhere; empty for none',
    }),
    mongoUri: Type.Union([Type.Literal(''), Type.String({ pattern: '^mongodb(\\+srv)?://\\S+$', maxLength: 2048 })], {
      default: '',
      description: 'Team mode: a shared MongoDB; empty for the embedded store',
    }),
  },
  { additionalProperties: false },
);

export type Settings = Static<typeof SettingsSchema>;

/** Settings take effect at once, except these, which need the service to start again. */
export const RESTART_SETTINGS: readonly (keyof Settings)[] = ['liveIntervalSec', 'port', 'mongoUri', 'autoEnd', 'autoEndWarningMin'];
