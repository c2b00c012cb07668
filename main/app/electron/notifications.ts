// Notifications: what changed, against the live meetings as they were before the change (noticesFor, pure).
// Clicking one joins its meeting, or opens the dashboard.
import { Notification } from 'electron';
import type { RunningService } from '../../service.js';
import { noticesFor } from '../notifications.js';
import type { DesktopSettings } from './desktop-settings.js';
import { joinMeeting } from './links.js';
import type { TrayController } from './tray.js';
import type { DashboardWindow } from './window.js';

export function setupNotifications(service: RunningService, settings: DesktopSettings, tray: TrayController, window: DashboardWindow): void {
  const wasLive = new Map(service.engine.list().filter((s) => s.status === 'live').map((s) => [s.meetingId, s]));
  service.engine.onChanges((changes) => {
    if (Notification.isSupported()) {
      const { notifyStarted, notifyEnded, notifyAttention } = settings.current;
      const prefs = { started: notifyStarted, ended: notifyEnded, attention: notifyAttention, paused: tray.notificationsPaused };
      for (const n of noticesFor(changes, wasLive, prefs)) {
        const note = new Notification({ title: n.title, body: n.body, silent: false });
        note.on('click', () => (n.meetingId ? void joinMeeting(service, n.meetingId, (text) => new Notification({ title: 'Zoom Sessions', body: text }).show()) : window.show()));
        note.show();
      }
    }
    for (const c of changes) {
      if (c.type === 'upsert' && c.session.status === 'live') wasLive.set(c.session.meetingId, c.session);
      else wasLive.delete(c.type === 'upsert' ? c.session.meetingId : c.meetingId);
    }
  });
}
