// The service as the desktop runs it: in the app's data dir (its own for the demo), on the port from
// Settings or ZOOM_SESSIONS_PORT, or on any port when that one is taken (the port is only for browsers).
import { app } from 'electron';
import path from 'node:path';
import { ConfigError, parseServeArgs } from '../../config.js';
import { startService, type RunningService } from '../../service.js';
import type { DesktopSettings } from './desktop-settings.js';
import { serviceEnv } from '../settings.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

function config(settings: DesktopSettings, port: string) {
  const s = settings.current;
  // `npm start -- --demo`: the simulated account, its data apart from a real account's (as `serve --demo`).
  const demo = process.argv.includes('--demo');
  const dataDir = demo ? path.join(app.getPath('userData'), 'demo') : app.getPath('userData');
  try {
    return parseServeArgs(['--port', port, '--data-dir', dataDir, ...(demo ? ['--demo'] : [])], serviceEnv(s, process.env));
  } catch (e) {
    if (e instanceof ConfigError) throw new Error(e.message);
    throw e;
  }
}

export async function startDesktopService(settings: DesktopSettings): Promise<RunningService> {
  const port = process.env.ZOOM_SESSIONS_PORT ?? String(settings.current.port);
  try {
    return await startService(config(settings, port), { vault: settings.vault, log });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    settings.problems.push(`Port ${port} is in use (on macOS the AirPlay Receiver holds 5000); the dashboard runs on another port this time.`);
    return startService(config(settings, '0'), { vault: settings.vault, log });
  }
}
