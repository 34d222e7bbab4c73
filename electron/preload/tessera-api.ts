import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

/**
 * `window.tessera` (typed in renderer/src/tessera-window.d.ts): the version, one call function
 * and one event subscription, and nothing else — no channel names, no ipcRenderer, and never
 * Electron's IpcRendererEvent handed to page code (checklist item 20). Arguments of the wrong type
 * are refused here; main checks everything again, since it cannot trust the page.
 */

/** The parts of Electron's ipcRenderer this module uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createTesseraApi(ipc: IpcRendererLike, version: string): TesseraApi {
  const api: TesseraApi = {
    version,
    call(method, args) {
      if (typeof method !== 'string') {
        return Promise.reject(new TypeError('tessera.call: the method name must be a string'));
      }
      return ipc.invoke(CALL_CHANNEL, method, args) as ReturnType<TesseraApi['call']>;
    },
    subscribe(listener) {
      if (typeof listener !== 'function') {
        throw new TypeError('tessera.subscribe: the listener must be a function');
      }
      const relay = (_event: unknown, name: unknown, payload: unknown) => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipc.on(EVENT_CHANNEL, relay);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, relay);
      };
    },
  };
  return Object.freeze(api);
}
