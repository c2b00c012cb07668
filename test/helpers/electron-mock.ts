// The one hand-written stand-in for Electron, which cannot run here (its binary is never downloaded on
// this machine). It behaves as Electron 45 does where the shell relies on it, per OS where Electron differs
// (set `electronMock.platform` and the facts below before the shell starts), read from Electron's docs and
// electron.d.ts: it is no kinder than Electron. It records what the shell asks of it so tests can check it:
// windows and their options, the tray's menus, IPC handlers, links opened, dialogs, shortcuts, notifications.
// Loaded in place of 'electron' by electron-loader.ts; tests reach the recordings through `electronMock`.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Listener = (...args: unknown[]) => unknown;

/** Node's EventEmitter as far as the shell uses it: `once` listens once. */
class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      return fn(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, fn: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((f) => f !== fn));
    return this;
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return [...(this.listeners.get(event) ?? [])].map((fn) => fn(...args));
  }
}

export interface MenuTemplateItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

let nextId = 1;

/** nativeImage: a path that does not exist gives an empty image, silently (Electron's way); recorded here. */
class NativeImage {
  readonly empty: boolean;
  template = false;
  constructor(readonly path: string) {
    this.empty = !existsSync(path);
    if (this.empty) mock.missingImages.push(path);
  }
  isEmpty(): boolean {
    return this.empty;
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
}

type CheckHandler = (wc: unknown, permission: string, requestingOrigin: string, details: { isMainFrame: boolean; requestingUrl?: string }) => boolean;
type RequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { isMainFrame: boolean; requestingUrl: string }) => void;

class WebContents extends Emitter {
  readonly id = nextId++;
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  loaded: string[] = [];
  readonly session = {
    permissionRequestHandler: null as RequestHandler | null,
    permissionCheckHandler: null as CheckHandler | null,
    setPermissionRequestHandler(fn: RequestHandler) {
      this.permissionRequestHandler = fn;
    },
    setPermissionCheckHandler(fn: CheckHandler) {
      this.permissionCheckHandler = fn;
    },
  };
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }): void {
    this.openHandler = fn;
  }
  async executeJavaScript(code: string): Promise<void> {
    mock.executed.push(code);
  }
  /** What the page's `navigator.clipboard.writeText(text)` does in Electron: Chromium asks the session's
   * permission check handler, then its request handler, for 'clipboard-sanitized-write'; with no handler set
   * it is granted. A refusal rejects as Chromium does. `url`: the page asking (its main frame). */
  async pageWritesClipboard(text: string, url: string): Promise<void> {
    const permission = 'clipboard-sanitized-write';
    const origin = `${new URL(url).origin}/`;
    const checked = this.session.permissionCheckHandler?.(this, permission, origin, { isMainFrame: true, requestingUrl: url }) ?? true;
    const granted = checked && (await new Promise<boolean>((resolve) => (this.session.permissionRequestHandler ? this.session.permissionRequestHandler(this, permission, resolve, { isMainFrame: true, requestingUrl: url }) : resolve(true))));
    if (!granted) throw Object.assign(new Error('Write permission denied.'), { name: 'NotAllowedError' });
    mock.clipboard.push(text);
  }
}

class BrowserWindow extends Emitter {
  readonly webContents = new WebContents();
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    if (typeof options.icon === 'string') new NativeImage(options.icon);
    mock.windows.push(this);
  }
  /** Resolves once loaded; 'ready-to-show' comes after, never during the call (as in Electron). */
  async loadURL(url: string): Promise<void> {
    this.webContents.loaded.push(url);
    await new Promise((r) => setImmediate(r));
    setImmediate(() => !this.destroyed && this.emit('ready-to-show'));
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  /** What clicking the window's close box does. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
    }
    return !prevented;
  }
}

/** Electron's Menu.buildFromTemplate checks its template as lib/browser/api/menu.ts and menu-item.ts do. */
class Menu extends Emitter {
  constructor(readonly template: MenuTemplateItem[]) {
    super();
  }
  static buildFromTemplate(template: unknown): Menu {
    if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
    const valid = template.every((i) => i != null && typeof i === 'object' && ('label' in i || 'role' in i || (i as MenuTemplateItem).type === 'separator'));
    if (!valid) throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
    for (const item of template as MenuTemplateItem[]) {
      const type = item.type ?? (item.submenu ? 'submenu' : 'normal');
      if (!['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette'].includes(type)) throw new Error(`Unknown menu item type: ${type}`);
      if (type === 'submenu' && item.submenu == null) throw new Error('Invalid submenu');
      if (item.submenu) Menu.buildFromTemplate(item.submenu);
      if (item.click !== undefined && typeof item.click !== 'function') throw new TypeError('click must be a function');
      if (item.label !== undefined && typeof item.label !== 'string') throw new TypeError('label must be a string');
    }
    return new Menu(template as MenuTemplateItem[]);
  }
}

class Tray extends Emitter {
  contextMenu: Menu | null = null;
  /** How many times a menu was handed over. */
  menusSet = 0;
  /** Menus replaced while open: on GNOME and macOS that closes the open menu in the person's hand. */
  closedInHand = 0;
  private isOpen = false;
  tooltip = '';
  title = '';
  image: NativeImage;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = asImage(image);
    mock.trays.push(this);
  }
  /** The menu as last handed over, as its template. */
  get menu(): MenuTemplateItem[] {
    return this.contextMenu?.template ?? [];
  }
  setContextMenu(menu: unknown): void {
    if (menu !== null && !(menu instanceof Menu)) throw new TypeError('Error processing argument at index 0, conversion failure from #<Object>');
    if (this.isOpen) {
      this.closedInHand++;
      this.closeMenu();
    }
    this.contextMenu = menu;
    this.menusSet++;
  }
  /** The person opens the menu (a right click; on macOS any click): Electron emits the menu's 'menu-will-show'. */
  openMenu(): void {
    this.isOpen = true;
    this.contextMenu?.emit('menu-will-show', {});
  }
  closeMenu(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.contextMenu?.emit('menu-will-close', {});
  }
  /** A left click on the icon: Electron emits 'click' (on Linux, an activation), and on macOS opens the menu. */
  leftClick(): void {
    this.emit('click', {}, { x: 0, y: 0, width: 16, height: 16 }, { x: 0, y: 0 });
    if (mock.platform === 'darwin') this.openMenu();
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setTitle(t: string): void {
    if (mock.platform !== 'darwin') return; // macOS only: elsewhere nothing shows
    this.title = t;
  }
  setImage(i: unknown): void {
    this.image = asImage(i);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

function asImage(i: unknown): NativeImage {
  if (i instanceof NativeImage) return i;
  if (typeof i === 'string') return new NativeImage(i);
  throw new TypeError('Error processing argument at index 0, conversion failure');
}

class Notification extends Emitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    mock.notifications.push(this);
  }
}

const appEmitter = new Emitter();

/** Electron's appData per OS, from the test's HOME (and APPDATA, XDG_CONFIG_HOME) as Electron reads them. */
function appData(): string {
  if (mock.platform === 'win32') return process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (mock.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
}

const mock = {
  /** The OS the stand-in behaves as. */
  platform: process.platform,
  /** The name Electron read at its start, which userData is made of: "Electron" for an app started on a
   * file (npm start), package.json's productName or name for a packaged one. */
  startName: 'Electron',
  /** app.getName(): the start name until app.setName. */
  name: null as string | null,
  packaged: false,
  /** userData as Electron sets it at its start (<appData>/<name>); only app.setPath moves it after. */
  userData: null as string | null,
  singleInstanceLock: true,
  encryptionAvailable: true,
  /** Linux: safeStorage's backend once ready ('unknown' before). */
  storageBackend: 'gnome_libsecret',
  ready: false,
  dark: false,
  darkSystemUI: true,
  /** URL schemes the desktop has an app for: macOS and Windows reject the others; Linux opens anything. */
  schemeHandlers: new Set(['https', 'http', 'zoommtg']),
  /** Shortcuts other apps hold. */
  takenShortcuts: new Set<string>(),
  dialogResponse: 0,
  windows: [] as BrowserWindow[],
  trays: [] as Tray[],
  notifications: [] as Notification[],
  opened: [] as string[],
  /** Links Linux's xdg-open was handed with nothing to open them: the person sees nothing happen. */
  lost: [] as string[],
  clipboard: [] as string[],
  errors: [] as { title: string; content: string }[],
  messageBoxes: [] as Record<string, unknown>[],
  shortcuts: new Map<string, () => void>(),
  missingImages: [] as string[],
  /** Chromium's command line as the shell left it before ready: one value per switch, the last given. */
  switches: new Map<string, string>(),
  handlers: new Map<string, Listener>(),
  executed: [] as string[],
  loginItem: null as unknown,
  appUserModelId: null as string | null,
  quitCalls: 0,
  exitCode: null as number | null,
  emitApp: (event: string, ...args: unknown[]) => appEmitter.emit(event, ...args),
  /** Listens on the app, as a test watching the shell's announcements does. */
  onApp: (event: string, fn: Listener) => appEmitter.on(event, fn),
  /** A tray label as the OS shows it: Windows and Linux take '&' as an access key's mark, '&&' as '&'. */
  shownLabel: (label: string) => (mock.platform === 'darwin' ? label : label.replace(/&(&?)/g, (_m, two: string) => two)),
};

export const electronMock = mock;

const onWayland = () => mock.platform === 'linux' && Boolean(process.env.WAYLAND_DISPLAY || process.env.XDG_SESSION_TYPE === 'wayland');

export const app = {
  requestSingleInstanceLock: () => mock.singleInstanceLock,
  on: (event: string, fn: Listener) => appEmitter.on(event, fn),
  once: (event: string, fn: Listener) => appEmitter.once(event, fn),
  emit: (event: string, ...args: unknown[]) => appEmitter.emit(event, ...args),
  whenReady: () =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        mock.ready = true;
        resolve();
      }),
    ),
  get isPackaged() {
    return mock.packaged;
  },
  getName: () => mock.name ?? mock.startName,
  setName: (name: string) => void (mock.name = name),
  getPath: (name: string) => {
    if (name === 'userData') return (mock.userData ??= path.join(appData(), mock.startName));
    if (name === 'appData') return appData();
    return os.tmpdir();
  },
  setPath: (name: string, value: string) => {
    if (!path.isAbsolute(value)) throw new Error(`Path must be absolute: ${value}`);
    if (name === 'userData') mock.userData = value;
  },
  getAppPath: () => process.cwd(),
  quit: () => {
    mock.quitCalls++;
  },
  exit: (code: number) => {
    mock.exitCode = code;
  },
  relaunch: () => undefined,
  /** macOS and Windows only: on Linux Electron does nothing with it. */
  setLoginItemSettings: (s: unknown) => {
    if (mock.platform === 'darwin' || mock.platform === 'win32') mock.loginItem = s;
  },
  setAppUserModelId: (id: string) => {
    if (mock.platform === 'win32') mock.appUserModelId = id;
  },
  get dock() {
    return mock.platform === 'darwin' ? { hide: () => undefined } : undefined;
  },
  commandLine: {
    appendSwitch: (name: string, value = '') => void mock.switches.set(name, value),
    getSwitchValue: (name: string) => mock.switches.get(name) ?? '',
    hasSwitch: (name: string) => mock.switches.has(name),
  },
};

export const safeStorage = {
  isEncryptionAvailable: () => mock.encryptionAvailable,
  // Reversible but not plain: enough to show the secret is not written as typed.
  encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
  decryptString: (b: Buffer) => Buffer.from(b.toString().replace(/^enc:/, ''), 'base64').toString(),
  /** Linux only; 'unknown' before ready. */
  get getSelectedStorageBackend() {
    return mock.platform === 'linux' ? () => (mock.ready ? mock.storageBackend : 'unknown') : undefined;
  },
};

export const shell = {
  /** Linux hands the URL to xdg-open and resolves as soon as it starts, handler or not; macOS and Windows
   * reject a scheme nothing handles. */
  openExternal: async (url: string) => {
    const scheme = new URL(url).protocol.replace(/:$/, '');
    if (!mock.schemeHandlers.has(scheme)) {
      if (mock.platform !== 'linux') throw new Error('Failed to open: There is no application set to open the URL.');
      mock.lost.push(url);
      return;
    }
    mock.opened.push(url);
  },
};

export const clipboard = {
  // Electron 45: the W3C-style clipboard, a promise.
  writeText: async (t: string) => void mock.clipboard.push(t),
};

export const dialog = {
  showErrorBox: (title: string, content: string) => mock.errors.push({ title, content }),
  showMessageBox: async (opts: Record<string, unknown>) => {
    mock.messageBoxes.push(opts);
    return { response: mock.dialogResponse };
  },
};

export const globalShortcut = {
  /** false for a shortcut another app holds, and on Wayland unless Chromium's GlobalShortcutsPortal is on. */
  register: (accel: string, fn: () => void) => {
    if (mock.takenShortcuts.has(accel)) return false;
    if (onWayland() && !(mock.switches.get('enable-features') ?? '').split(',').includes('GlobalShortcutsPortal')) return false;
    mock.shortcuts.set(accel, fn);
    return true;
  },
  unregisterAll: () => mock.shortcuts.clear(),
};

export const ipcMain = {
  handle: (channel: string, fn: Listener) => {
    if (mock.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    mock.handlers.set(channel, fn);
  },
};

export const nativeImage = { createFromPath: (p: string) => new NativeImage(p) };
export const nativeTheme = Object.assign(new Emitter(), {
  get shouldUseDarkColors() {
    return mock.dark;
  },
  /** macOS and Windows; on macOS the same as shouldUseDarkColors. */
  get shouldUseDarkColorsForSystemIntegratedUI() {
    return mock.platform === 'win32' ? mock.darkSystemUI : mock.platform === 'darwin' ? mock.dark : false;
  },
});
export { BrowserWindow, Tray, Notification, Menu };

// The preload's side, for the contract test.
export const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => ((globalThis as Record<string, unknown>)[key] = api) };
export const ipcRenderer = { invoke: async (channel: string, ...args: unknown[]) => ({ channel, args }) };

export default { app, safeStorage, shell, clipboard, dialog, globalShortcut, ipcMain, Menu, nativeImage, nativeTheme, BrowserWindow, Tray, Notification, contextBridge, ipcRenderer };
