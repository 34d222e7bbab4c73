/** The app's API for this page: the preload's inside Electron, the bridge's in a browser. */
import { bridgeTransport, tokenFromFragment } from './bridge-transport';
import { type Api, createApi, type Transport } from './client';

function pageTransport(): Transport {
  if (window.tessera) return window.tessera;
  const token = tokenFromFragment(window.location.hash);
  if (!token)
    throw new Error('Open the address `tessera start` printed: it carries the access token.');
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return bridgeTransport(`${scheme}://${window.location.host}/bridge`, token);
}

let api: Api | undefined;

/** The one API of this page, made on first use. */
export function getApi(): Api {
  api ??= createApi(pageTransport());
  return api;
}

export { type Api, ApiError, createApi, type Transport } from './client';
