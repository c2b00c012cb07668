// The window's only door to the main process: one small typed object on window.zoomSessions.
// Sandboxed preloads can require only 'electron', so the channel names are written out here;
// test/unit/app/ipc.test.ts checks them against shared/ipc-contract.ts.
import { contextBridge, ipcRenderer } from 'electron';
import type { ZoomSessionsBridge } from '../../../shared/ipc-contract.js';

const bridge: ZoomSessionsBridge = {
  openZoomLink: (url) => ipcRenderer.invoke('zs:open-zoom-link', String(url)),
  relogin: () => ipcRenderer.invoke('zs:relogin'),
  getSettings: () => ipcRenderer.invoke('zs:get-settings'),
  saveSettings: (settings) => ipcRenderer.invoke('zs:save-settings', settings),
  restart: () => ipcRenderer.invoke('zs:restart'),
};

contextBridge.exposeInMainWorld('zoomSessions', bridge);
