/**
 * The two IPC channels between preload and main. Main imports these names from here, so the
 * sandboxed preload bundle never pulls in main-process code.
 */

/** Renderer to main, `ipcRenderer.invoke(CALL_CHANNEL, method, args)`: one contract call. */
export const CALL_CHANNEL = 'tessera:call';

/** Main to renderer, `webContents.send(EVENT_CHANNEL, event, payload)`: one contract event. */
export const EVENT_CHANNEL = 'tessera:event';
