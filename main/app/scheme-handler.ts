// Whether the desktop has an app for a URL scheme (zoommtg: is the Zoom app's). On Linux Electron's
// shell.openExternal hands the URL to xdg-open and resolves as soon as that starts, handler or not, so the
// only way to know is to ask the desktop's MIME database first; macOS and Windows reject an unhandled scheme
// themselves. Plain Node.
import { execFile } from 'node:child_process';

/** true or false where it can be asked (Linux, with xdg-utils); null where the opener's own answer must do. */
export function hasSchemeHandler(scheme: string, platform: NodeJS.Platform = process.platform): Promise<boolean | null> {
  if (platform !== 'linux') return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile('xdg-mime', ['query', 'default', `x-scheme-handler/${scheme}`], { timeout: 2_000, encoding: 'utf8' }, (err, stdout) => {
      if (err) return resolve((err as NodeJS.ErrnoException).code === 'ENOENT' ? null : false);
      resolve(stdout.trim().length > 0);
    });
  });
}
