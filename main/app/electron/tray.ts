// The tray: its menu is buildTrayMenu's (pure, tested in Node), handed to Electron only when what it shows
// changed (asked on every change at most four times a second, and each 30 s for the "12 min" labels), and
// never while it is open: a new menu closes an open one, submenu and all, on GNOME and macOS. Like menubar, it
// announces its lifecycle as events ('ready' after the first menu, 'menu-updated', 'click', 'after-destroy').
import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { RunningService } from '../../service.js';
import { buildTrayMenu, type TrayAction, type TrayItem, type TrayMenu } from '../tray-menu.js';
import { clickOpensWindow, menuLabel, trayIconFile } from '../tray-platform.js';
import { ASSETS } from './window.js';

export interface TrayEvents {
  ready: [items: TrayItem[]];
  'menu-updated': [items: TrayItem[]];
  /** A left click where the OS leaves it to the app (Windows, Linux): the window opens. */
  click: [];
  'after-destroy': [];
}

export class TrayController extends EventEmitter<TrayEvents> {
  /** The menu as last handed to Electron. */
  items: TrayItem[] = [];
  notificationsPaused = false;
  /** What a click on an item does; set by setupTrayActions. */
  run: (action: TrayAction) => Promise<void> = async () => undefined;
  private tray: Tray | null = new Tray(trayIcon());
  private pending: NodeJS.Timeout | null = null;
  private readonly ticker: NodeJS.Timeout;
  /** What the shown menu says, to hand Electron a new one only when that changed. */
  private shown = '';
  /** Open menus are never replaced: a rebuild asked meanwhile waits for it to close. */
  private open = false;

  constructor(private readonly service: RunningService) {
    super();
    nativeTheme.on('updated', () => this.tray?.setImage(trayIcon()));
    if (clickOpensWindow(process.platform)) this.tray!.on('click', () => this.emit('click'));
    this.ticker = setInterval(() => this.rebuild(), 30_000);
    this.ticker.unref();
    service.engine.onStatus(() => this.rebuild());
    service.engine.onChanges(() => this.rebuild());
    this.rebuild();
  }

  /** Asks for a new menu; several asks within 250 ms make one. */
  rebuild(): void {
    this.pending ??= setTimeout(() => {
      this.pending = null;
      if (this.tray && !this.open) this.show(this.tray);
    }, 250);
  }

  destroy(): void {
    clearInterval(this.ticker);
    if (this.pending) clearTimeout(this.pending);
    this.tray?.destroy();
    this.tray = null;
    this.emit('after-destroy');
  }

  private show(tray: Tray): void {
    const first = this.items.length === 0;
    const menu = buildTrayMenu(this.service.engine.list(), this.service.engine.status(), Date.now(), {
      notificationsPaused: this.notificationsPaused,
      namesOf: (id) => this.service.engine.namesKnown(id),
    });
    const key = menuKey(menu);
    if (key === this.shown) return;
    this.shown = key;
    this.items = menu.items;
    const electronMenu = Menu.buildFromTemplate(menu.items.map((i) => this.toElectron(i)));
    electronMenu.on('menu-will-show', () => (this.open = true));
    electronMenu.on('menu-will-close', () => {
      this.open = false;
      this.rebuild();
    });
    tray.setContextMenu(electronMenu);
    tray.setToolTip(menu.tooltip);
    if (process.platform === 'darwin') tray.setTitle(menu.title);
    this.emit(first ? 'ready' : 'menu-updated', menu.items);
  }

  private toElectron(item: TrayItem): MenuItemConstructorOptions {
    return {
      label: item.label === undefined ? undefined : menuLabel(item.label, process.platform),
      type: item.type ?? (item.submenu ? 'submenu' : 'normal'),
      enabled: item.enabled ?? true,
      checked: item.checked,
      submenu: item.submenu?.map((i) => this.toElectron(i)),
      click: item.action ? () => void this.run(item.action!) : undefined,
    };
  }
}

/** Everything the menu shows (its actions are data), as one string to compare. */
function menuKey(menu: TrayMenu): string {
  return JSON.stringify(menu);
}

export function setupTray(service: RunningService): TrayController {
  return new TrayController(service);
}

function trayIcon(): Electron.NativeImage {
  const theme = { dark: nativeTheme.shouldUseDarkColors, darkSystemUI: nativeTheme.shouldUseDarkColorsForSystemIntegratedUI };
  const image = nativeImage.createFromPath(path.join(ASSETS, trayIconFile(process.platform, theme)));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}
