// The tray: its menu is buildTrayMenu's (pure, tested in Node), rebuilt on every change at most four
// times a second and each 30 s for the "12 min" labels. Like menubar, it announces its lifecycle as
// events ('ready' after the first menu, 'menu-updated', 'after-destroy') so others listen, not poll.
import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { RunningService } from '../../service.js';
import { buildTrayMenu, type TrayAction, type TrayItem } from '../tray-menu.js';
import { ASSETS } from './window.js';

export interface TrayEvents {
  ready: [items: TrayItem[]];
  'menu-updated': [items: TrayItem[]];
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

  constructor(private readonly service: RunningService) {
    super();
    nativeTheme.on('updated', () => this.tray?.setImage(trayIcon()));
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
      if (!this.tray) return;
      const first = this.items.length === 0;
      const menu = buildTrayMenu(this.service.engine.list(), this.service.engine.status(), Date.now(), {
        notificationsPaused: this.notificationsPaused,
        namesOf: (id) => this.service.engine.namesKnown(id),
      });
      this.items = menu.items;
      this.tray.setContextMenu(Menu.buildFromTemplate(menu.items.map((i) => this.toElectron(i))));
      this.tray.setToolTip(menu.tooltip);
      if (process.platform === 'darwin') this.tray.setTitle(menu.title);
      this.emit(first ? 'ready' : 'menu-updated', menu.items);
    }, 250);
  }

  destroy(): void {
    clearInterval(this.ticker);
    if (this.pending) clearTimeout(this.pending);
    this.tray?.destroy();
    this.tray = null;
    this.emit('after-destroy');
  }

  private toElectron(item: TrayItem): MenuItemConstructorOptions {
    return {
      label: item.label,
      type: item.type ?? (item.submenu ? 'submenu' : 'normal'),
      enabled: item.enabled ?? true,
      checked: item.checked,
      submenu: item.submenu?.map((i) => this.toElectron(i)),
      click: item.action ? () => void this.run(item.action!) : undefined,
    };
  }
}

export function setupTray(service: RunningService): TrayController {
  return new TrayController(service);
}

function trayIcon(): Electron.NativeImage {
  if (process.platform === 'darwin') {
    const image = nativeImage.createFromPath(path.join(ASSETS, 'trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  return nativeImage.createFromPath(path.join(ASSETS, nativeTheme.shouldUseDarkColors ? 'tray-dark.png' : 'tray-light.png'));
}
