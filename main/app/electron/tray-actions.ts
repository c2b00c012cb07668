// What the tray's items do: join, copy, End (after asking), open the window, refresh, pause, quit.
import { app, clipboard, dialog } from 'electron';
import { meetingIdAndPasscode } from '../../../shared/join-links.js';
import { peopleIn } from '../../../shared/people.js';
import type { Session } from '../../../shared/session.js';
import type { RunningService } from '../../service.js';
import type { TrayAction } from '../tray-menu.js';
import { joinMeeting } from './links.js';
import type { TrayController } from './tray.js';
import type { DashboardWindow } from './window.js';

export function setupTrayActions(service: RunningService, tray: TrayController, window: DashboardWindow): void {
  tray.run = async (action: TrayAction): Promise<void> => {
    const s = 'meetingId' in action ? service.engine.get(action.meetingId) : null;
    switch (action.kind) {
      case 'join':
        return joinMeeting(service, action.meetingId);
      case 'copy-link':
        if (s?.joinUrl) clipboard.writeText(s.joinUrl);
        return;
      case 'copy-id':
        if (s) clipboard.writeText(meetingIdAndPasscode(s.meetingId, s.passcode));
        return;
      case 'end':
        if (s) await confirmEnd(service, s);
        return;
      case 'open-dashboard':
      case 'settings':
        return window.show(action.kind === 'settings' ? '#settings' : '');
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
    await service.engine.endMeeting(s.meetingId);
  } catch (e) {
    dialog.showErrorBox('The meeting was not ended', e instanceof Error ? e.message : String(e));
  }
}
