// The one hand-written stand-in for Electron, which cannot run here (its binary is never downloaded on
// this machine). It records what the shell asks of Electron so tests can check it: windows and their
// options, the tray's menu, IPC handlers, links opened, dialogs, shortcuts, notifications. Loaded in place
// of 'electron' by electron-loader.ts; tests reach the recordings through `electronMock`.
import os from 'node:os';
import path from 'node:path';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((fn) => fn(...args));
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

class WebContents extends Emitter {
  readonly id = nextId++;
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  loaded: string[] = [];
  readonly session = {
    permissionRequestHandler: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheckHandler: null as null | (() => boolean),
    setPermissionRequestHandler(fn: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void) {
      this.permissionRequestHandler = fn;
    },
    setPermissionCheckHandler(fn: () => boolean) {
      this.permissionCheckHandler = fn;
    },
  };
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }): void {
    this.openHandler = fn;
  }
  async executeJavaScript(code: string): Promise<void> {
    mock.executed.push(code);
  }
}

class BrowserWindow extends Emitter {
  readonly webContents = new WebContents();
  visible = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    mock.windows.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.loaded.push(url);
    this.emit('ready-to-show');
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
    if (!prevented) this.emit('closed');
    return !prevented;
  }
}

class Tray {
  menu: MenuTemplateItem[] = [];
  tooltip = '';
  title = '';
  image: unknown;
  constructor(image: unknown) {
    this.image = image;
    mock.trays.push(this);
  }
  setContextMenu(menu: MenuTemplateItem[]): void {
    this.menu = menu;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setTitle(t: string): void {
    this.title = t;
  }
  setImage(i: unknown): void {
    this.image = i;
  }
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
  }
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

const mock = {
  userData: path.join(os.tmpdir(), 'zs-electron-mock'),
  appPath: process.cwd(),
  encryptionAvailable: true,
  dialogResponse: 0,
  windows: [] as BrowserWindow[],
  trays: [] as Tray[],
  notifications: [] as Notification[],
  opened: [] as string[],
  clipboard: [] as string[],
  errors: [] as { title: string; content: string }[],
  messageBoxes: [] as Record<string, unknown>[],
  shortcuts: new Map<string, () => void>(),
  /** Chromium's command line as the shell left it before ready: one value per switch, the last given. */
  switches: new Map<string, string>(),
  handlers: new Map<string, Listener>(),
  executed: [] as string[],
  loginItem: null as unknown,
  quitCalls: 0,
  exitCode: null as number | null,
  emitApp: (event: string, ...args: unknown[]) => appEmitter.emit(event, ...args),
  /** Listens on the app, as a test watching the shell's announcements does. */
  onApp: (event: string, fn: Listener) => appEmitter.on(event, fn),
};

export const electronMock = mock;

export const app = {
  requestSingleInstanceLock: () => true,
  on: (event: string, fn: Listener) => appEmitter.on(event, fn),
  once: (event: string, fn: Listener) => appEmitter.once(event, fn),
  emit: (event: string, ...args: unknown[]) => appEmitter.emit(event, ...args),
  whenReady: () => Promise.resolve(),
  getPath: (name: string) => (name === 'userData' ? mock.userData : os.tmpdir()),
  setPath: (name: string, value: string) => {
    if (name === 'userData') mock.userData = value;
  },
  getAppPath: () => mock.appPath,
  quit: () => {
    mock.quitCalls++;
  },
  exit: (code: number) => {
    mock.exitCode = code;
  },
  relaunch: () => undefined,
  setLoginItemSettings: (s: unknown) => {
    mock.loginItem = s;
  },
  dock: { hide: () => undefined },
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
  getSelectedStorageBackend: () => 'gnome_libsecret',
};

export const shell = {
  openExternal: async (url: string) => {
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
  register: (accel: string, fn: () => void) => {
    mock.shortcuts.set(accel, fn);
    return true;
  },
  unregisterAll: () => mock.shortcuts.clear(),
};

export const ipcMain = {
  handle: (channel: string, fn: Listener) => mock.handlers.set(channel, fn),
};

export const Menu = { buildFromTemplate: (t: MenuTemplateItem[]) => t };
export const nativeImage = { createFromPath: (p: string) => ({ path: p, setTemplateImage: () => undefined }) };
export const nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false });
export { BrowserWindow, Tray, Notification };

// The preload's side, for the contract test.
export const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => ((globalThis as Record<string, unknown>)[key] = api) };
export const ipcRenderer = { invoke: async (channel: string, ...args: unknown[]) => ({ channel, args }) };

export default { app, safeStorage, shell, clipboard, dialog, globalShortcut, ipcMain, Menu, nativeImage, nativeTheme, BrowserWindow, Tray, Notification, contextBridge, ipcRenderer };
