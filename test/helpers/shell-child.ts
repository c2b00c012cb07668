// Runs the Electron shell (main/app/electron/main.js) in this process as one OS's Electron would run it, for
// test/integration/app/shell-per-os.test.ts: process.platform and the stand-in are set to that OS before the
// shell loads, the demo account stands in for Zoom, and what the shell did is printed as one JSON line
// (`ZS_REPORT {...}`) after a person's first moves: a left click on the icon, then the window's close box.
import { register } from 'node:module';
import type { TrayItem } from '../../main/app/tray-menu.js';
import { DEFAULT_SETTINGS } from '../../main/app/settings.js';
import { IPC_CHANNELS, type SettingsView } from '../../shared/ipc-contract.js';

export interface Scenario {
  platform: NodeJS.Platform;
  packaged?: boolean;
  singleInstanceLock?: boolean;
  dark?: boolean;
  darkSystemUI?: boolean;
  takenShortcuts?: string[];
  launchAtLogin?: boolean;
}

export interface Report {
  name: string;
  userData: string;
  switches: Record<string, string>;
  appUserModelId: string | null;
  loginItem: unknown;
  shortcuts: string[];
  windowAtStart: boolean;
  trayImage: string;
  trayTemplate: boolean;
  trayTitle: string;
  notifications: string[];
  settingsProblems: string[];
  afterLeftClick: { windowShown: boolean; menuOpened: boolean };
  afterClose: { hidden: boolean; quit: boolean };
  quitCalls: number;
  missingImages: string[];
}

const scenario = JSON.parse(process.env.ZS_SCENARIO ?? '{}') as Scenario;
Object.defineProperty(process, 'platform', { value: scenario.platform });
const { electronMock: mock } = await import('./electron-mock.js');
const Store = (await import('./electron-store-mock.js')).default;
mock.platform = scenario.platform;
mock.packaged = scenario.packaged ?? false;
mock.singleInstanceLock = scenario.singleInstanceLock ?? true;
mock.dark = scenario.dark ?? false;
mock.darkSystemUI = scenario.darkSystemUI ?? false;
for (const s of scenario.takenShortcuts ?? []) mock.takenShortcuts.add(s);
Store.seed = { settings: { ...DEFAULT_SETTINGS, port: 0, globalShortcut: 'CommandOrControl+Shift+Z', launchAtLogin: scenario.launchAtLogin ?? false } };
process.argv.push('--demo');

let controller: { items: TrayItem[]; once(event: 'ready', fn: () => void): unknown } | null = null;
mock.onApp('zoom-sessions:tray', (c) => (controller = c as typeof controller));
register('./electron-loader.js', import.meta.url);
const shell = '../../main/app/electron/main.js';
await import(shell);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; i < 200 && !(controller as { items: TrayItem[] } | null)?.items.length && mock.quitCalls === 0; i++) await sleep(50);
await sleep(300); // the window, if it opens at start, has had its ready-to-show

const tray = mock.trays[0];
const windowAtStart = mock.windows[0]?.visible ?? false;
const notifications = mock.notifications.map((n) => `${n.options.title}: ${n.options.body}`);

let settingsProblems: string[] = [];
const afterLeftClick = { windowShown: false, menuOpened: false };
const afterClose = { hidden: false, quit: false };
if (tray) {
  mock.windows[0]?.hide();
  let opened = false;
  tray.contextMenu?.on('menu-will-show', () => (opened = true));
  tray.leftClick();
  await sleep(50);
  afterLeftClick.windowShown = mock.windows[0]?.visible ?? false;
  afterLeftClick.menuOpened = opened;
  tray.closeMenu();
  // The Settings screen's view, asked as the window asks it.
  const settingsItem = tray.menu.find((i) => mock.shownLabel(i.label ?? '') === 'Settings…');
  settingsItem?.click?.();
  await sleep(100);
  const win = mock.windows[0]!;
  const view = (await mock.handlers.get(IPC_CHANNELS.getSettings)!({ sender: { id: win.webContents.id }, senderFrame: { url: win.webContents.loaded[0] } })) as SettingsView;
  settingsProblems = view.problems;
  const quits = mock.quitCalls;
  const closed = win.close();
  afterClose.hidden = !closed && !win.visible;
  afterClose.quit = mock.quitCalls > quits;
}

const { app } = await import('./electron-mock.js');
const report: Report = {
  name: app.getName(),
  userData: app.getPath('userData'),
  switches: Object.fromEntries(mock.switches),
  appUserModelId: mock.appUserModelId,
  loginItem: mock.loginItem,
  shortcuts: [...mock.shortcuts.keys()],
  windowAtStart,
  trayImage: tray?.image.path ?? '',
  trayTemplate: tray?.image.template ?? false,
  trayTitle: tray?.title ?? '',
  notifications,
  settingsProblems,
  afterLeftClick,
  afterClose,
  quitCalls: mock.quitCalls,
  missingImages: mock.missingImages,
};
process.stdout.write(`ZS_REPORT ${JSON.stringify(report)}\n`);
process.exit(0);
