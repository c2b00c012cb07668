// IPC calls are taken only from our own window showing our own dashboard. Pure.

export interface IpcSender {
  /** webContents id of the caller. */
  id: number;
  /** URL of the frame that sent it (event.senderFrame.url). */
  frameUrl: string | null | undefined;
}

export function isTrustedSender(sender: IpcSender, windowId: number | null, dashboardOrigin: string): boolean {
  if (windowId == null || sender.id !== windowId || !sender.frameUrl) return false;
  try {
    return new URL(sender.frameUrl).origin === dashboardOrigin;
  } catch {
    return false;
  }
}
