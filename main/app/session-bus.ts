// Asks the D-Bus session bus whether a name has an owner, with the desktop's own tools (gdbus from GLib,
// else dbus-send), so no native module is needed. null when neither can answer.
import { execFile } from 'node:child_process';
import { nameHasOwnerAnswer } from './tray-presence.js';

function run(file: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 2_000, encoding: 'utf8' }, (err, stdout) => resolve(err ? null : stdout));
  });
}

export async function nameHasOwner(name: string): Promise<boolean | null> {
  const gdbus = await run('gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', name]);
  if (gdbus != null) return nameHasOwnerAnswer(gdbus);
  const dbusSend = await run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`]);
  return dbusSend == null ? null : nameHasOwnerAnswer(dbusSend);
}
