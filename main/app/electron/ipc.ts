// IPC: the bridge's methods (shared/ipc-contract.ts), answered only for our window while it shows our
// dashboard. Each handler's result is typed against the bridge, so the two cannot drift apart.
import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type ZoomSessionsBridge } from '../../../shared/ipc-contract.js';
import type { RunningService } from '../../service.js';
import { isTrustedSender } from '../ipc-guard.js';
import type { DesktopSettings } from './desktop-settings.js';
import { openZoomLink } from './links.js';
import type { TrayController } from './tray.js';
import type { DashboardWindow } from './window.js';

type Method = keyof ZoomSessionsBridge;
/** A handler gets what the window sent, unchecked: it must check it. It answers what the bridge promises. */
type Unchecked<T extends readonly unknown[]> = { [I in keyof T]: unknown };
type Handler<M extends Method> = (...args: Unchecked<Parameters<ZoomSessionsBridge[M]>>) => Awaited<ReturnType<ZoomSessionsBridge[M]>> | ReturnType<ZoomSessionsBridge[M]>;

export function setupIpc(service: RunningService, settings: DesktopSettings, tray: TrayController, window: DashboardWindow): void {
  const origin = new URL(service.url).origin;
  const handle = <M extends Method>(method: M, fn: Handler<M>) =>
    ipcMain.handle(IPC_CHANNELS[method], (e: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender({ id: e.sender.id, frameUrl: e.senderFrame?.url }, window.contentsId(), origin)) throw new Error('Refused: not from the dashboard window.');
      return (fn as (...a: unknown[]) => unknown)(...args);
    });
  handle('openZoomLink', (url) => openZoomLink(url));
  handle('relogin', () => window.relogin());
  handle('getSettings', () => settings.view());
  handle('saveSettings', (input) => {
    const result = settings.save(input);
    if (result.ok) tray.rebuild();
    return result;
  });
  handle('restart', () => {
    app.relaunch();
    app.quit();
  });
}
