/**
 * The contract over a loopback WebSocket, for the UI in a plain browser, headless rigs and tests:
 * one HTTP server on 127.0.0.1 that serves the renderer build and upgrades `/bridge` for clients
 * holding this run's token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ContractService } from '../contract';
import { CLOSE, serveConnection } from './connection';
import { BridgeError } from './errors';
import { checkUpgrade, isOwnHost, refuseUpgrade } from './handshake';
import { BRIDGE_LIMITS } from './limits';
import { securityHeaders } from './security-headers';
import { staticFiles } from './static-files';
import { isWellFormedToken, newToken, offeredTokenProtocol } from './token';

export { BridgeError, type BridgeErrorKind } from './errors';
export { BRIDGE_PATH } from './handshake';

export interface BridgeOptions {
  service: ContractService;
  /** The renderer build to serve, e.g. `.vite/renderer/main_window`; without it, only the socket. */
  staticDir?: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** base64url, at least 16 characters; a fresh 32-byte one per run when left out. */
  token?: string;
}

export interface Bridge {
  /** The page to open: `http://127.0.0.1:PORT/#token=...` (a fragment never reaches a server). */
  url: string;
  port: number;
  token: string;
  /** Ends every connection (1001, going away) and stops listening. */
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  if (!isWellFormedToken(token))
    throw new BridgeError(
      'invalid-token',
      'The bridge token must be at least 16 characters of A-Z, a-z, 0-9, - and _.',
    );
  const files = options.staticDir === undefined ? undefined : await staticFiles(options.staticDir);
  const server = createServer();
  const port = await listen(server, options.port ?? 0);
  const headers = securityHeaders(port);
  const sockets = new Set<WebSocket>();
  const upgrades = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: BRIDGE_LIMITS.maxPayloadBytes,
    // The handshake was checked before the upgrade; echoing the token's subprotocol is what
    // tells a browser the server accepted it.
    handleProtocols: (_protocols, request) =>
      offeredTokenProtocol(request.headers['sec-websocket-protocol']) ?? false,
  });

  server.on('request', (request, response) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (!isOwnHost(request.headers.host, port)) response.writeHead(403).end();
    else if (files) void files(request, response);
    else response.writeHead(404).end();
  });

  server.on('upgrade', (request, socket, head) => {
    const refusal =
      checkUpgrade(request, { port, token }) ??
      (sockets.size >= BRIDGE_LIMITS.maxConnections
        ? { status: 503 as const, reason: 'Too many connections to the Tessera bridge.' }
        : undefined);
    if (refusal) {
      refuseUpgrade(socket, refusal);
      return;
    }
    upgrades.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      serveConnection(ws, options.service);
    });
  });

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    async close() {
      const goodbyes = [...sockets].map(closeGracefully);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([...goodbyes, stopped]);
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BridgeError(
          'listen-failed',
          `The bridge could not listen on 127.0.0.1:${port} (${error.code ?? error.message}).`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Says goodbye with 1001, and cuts a peer that does not answer the close in time. */
function closeGracefully(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => socket.terminate(), BRIDGE_LIMITS.closeGraceMs);
    socket.once('close', () => {
      clearTimeout(cut);
      resolve();
    });
    socket.close(CLOSE.goingAway, 'Tessera is shutting down.');
  });
}
