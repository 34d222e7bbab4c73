/**
 * Who may talk to the bridge, decided from the request's headers before anything else happens.
 * Host stops DNS rebinding (a foreign name resolved to 127.0.0.1); Origin stops other sites open in
 * the user's browser; the token stops other programs and users on the same machine.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { carriesToken, offeredTokenProtocol } from './token';

export const BRIDGE_PATH = '/bridge';

export interface Refusal {
  status: 401 | 403 | 404 | 503;
  reason: string;
}

const ownAuthorities = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];

/** Host names are case-insensitive; anything but the bridge's own address is refused. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host !== undefined && ownAuthorities(port).includes(host.toLowerCase());
}

export function isOwnOrigin(origin: string, port: number): boolean {
  return ownAuthorities(port).some((authority) => origin === `http://${authority}`);
}

/**
 * Why an upgrade to the bridge's WebSocket is refused, or undefined when it may proceed. A request
 * without Origin comes from a program, not a web page (browsers always send it on WebSockets), so
 * the token alone admits it.
 */
export function checkUpgrade(
  request: IncomingMessage,
  bridge: { port: number; token: string },
): Refusal | undefined {
  if (pathOf(request.url) !== BRIDGE_PATH) return { status: 404, reason: 'Not found.' };
  if (!isOwnHost(request.headers.host, bridge.port))
    return { status: 403, reason: 'This is not the address of the Tessera bridge.' };
  const origin = request.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, bridge.port))
    return { status: 403, reason: 'Pages from other sites may not use the Tessera bridge.' };
  const offered = offeredTokenProtocol(request.headers['sec-websocket-protocol']);
  if (offered === undefined || !carriesToken(offered, bridge.token))
    return {
      status: 401,
      reason: 'Open the address `tessera start` printed: it carries the token.',
    };
  return undefined;
}

/** Answers a refused upgrade with a plain HTTP response and drops the connection. */
export function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.reason}\n`;
  socket.on('error', () => socket.destroy());
  socket.end(
    [
      `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}`,
      'Connection: close',
      'Content-Type: text/plain; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n'),
  );
}

const STATUS_TEXT: Readonly<Record<Refusal['status'], string>> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0]!;
