// Who the desktop app is to the OS, however it is started (npm start runs Electron on a file, which Electron
// would call "Electron"). Pure.
import { APP_NAME } from '../config.js';

export { APP_NAME };

/** electron-builder.yml's appId: the AppUserModelID its Windows installer gives the Start menu shortcut, which
 * toasts must carry to be shown (a test compares the two). */
export const APP_ID = 'com.zoom-sessions.app';

/** Windows: the installed app is the installer's shortcut's; a development run has no shortcut of ours, and
 * Electron's docs have it use the binary's path (add that binary to the Start menu to see its toasts). */
export function appUserModelId(packaged: boolean, execPath: string): string {
  return packaged ? APP_ID : execPath;
}
