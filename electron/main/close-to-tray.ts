/**
 * What closing the main window does. With close-to-tray on (the default), the window hides and
 * training goes on; the first time, a notification says so, because people otherwise believe
 * they quit the app. A real quit (tray menu, OS shutdown, an update installing) always closes.
 */

export type CloseAction = 'close' | 'hide' | 'hide-and-tell';

export interface CloseContext {
  quitting: boolean;
  closeToTray: boolean;
  trayNoticeShown: boolean;
}

export function closeAction({ quitting, closeToTray, trayNoticeShown }: CloseContext): CloseAction {
  if (quitting || !closeToTray) return 'close';
  return trayNoticeShown ? 'hide' : 'hide-and-tell';
}

export const TRAY_NOTICE = {
  title: 'Tessera is still running',
  body: 'It keeps training in the background. Open it or quit from the Tessera icon in the tray.',
} as const;
