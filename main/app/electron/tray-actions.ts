// What the tray's items do: join, copy, End (after asking), open the window, refresh, pause, quit.
import { app, clipboard, dialog, Notification } from 'electron';
import { genericJoinUrl, meetingIdAndPasscode } from '../../../shared/join-links.js';
import { peopleIn } from '../../../shared/people.js';
import type { Session } from '../../../shared/session.js';
import type { RunningService } from '../../service.js';
import type { TrayAction } from '../tray-menu.js';
import { joinMeeting } from './links.js';
import { sessionToUse } from '../session-to-use.js';
import type { TrayController } from './tray.js';
import type { DashboardWindow } from './window.js';

export function setupTrayActions(service: RunningService, tray: TrayController, window: DashboardWindow): void {
  tray.run = async (action: TrayAction): Promise<void> => {
    const s = 'meetingId' in action ? service.engine.get(action.meetingId) : null;
    switch (action.kind) {
      case 'join':
        return joinMeeting(service, action.meetingId, say);
      case 'copy-link':
      case 'copy-id': {
        // The passcode read now when the background has not got to it: a copied link should let people in.
        const { session, problem } = await sessionToUse(service.engine, action.meetingId);
        if (problem) say(problem);
        if (!session) return;
        const text = action.kind === 'copy-link' ? (session.joinUrl ?? genericJoinUrl(session.meetingId)) : meetingIdAndPasscode(session.meetingId, session.passcode);
        // Electron 45's clipboard is the W3C one: a promise, which a locked or busy clipboard rejects.
        await clipboard.writeText(text).catch((e: unknown) => say(`Nothing was copied: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      case 'end':
        if (s) await confirmEnd(service, s);
        return;
      case 'keep':
        await service.engine.keep(action.meetingId).catch((e: unknown) => say(e instanceof Error ? e.message : String(e)));
        return;
      case 'open-dashboard':
      case 'usage':
      case 'settings':
        return window.show(action.kind === 'open-dashboard' ? '' : `#${action.kind}`);
      case 'refresh':
        void service.scheduler.refreshNow();
        return;
      case 'toggle-notifications':
        tray.notificationsPaused = !tray.notificationsPaused;
        tray.rebuild();
        return;
      case 'quit':
        app.quit();
    }
  };
}

function say(text: string): void {
  if (Notification.isSupported()) new Notification({ title: 'Zoom Sessions', body: text }).show();
}

/** End, after the person says so: it disconnects everyone and cannot be undone. */
async function confirmEnd(service: RunningService, s: Session): Promise<void> {
  const who = s.participants == null ? 'Everyone in it' : `The ${peopleIn(s.participants)} in it`;
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    buttons: ['End meeting', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `End “${s.topic || s.meetingId}” for everyone?`,
    detail: `${who} will be disconnected. This cannot be undone.`,
  });
  if (response !== 0) return;
  try {
    await service.engine.endMeeting(s.meetingId, 'tray');
  } catch (e) {
    dialog.showErrorBox('The meeting was not ended', e instanceof Error ? e.message : String(e));
  }
}
