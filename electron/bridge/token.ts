/**
 * The bridge's access token: random per run, carried in the WebSocket subprotocol (browsers cannot
 * set headers on a WebSocket) and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BRIDGE_TOKEN_PROTOCOL } from '../contract/wire';

/**
 * base64url: what the renderer accepts from the URL fragment (`tokenFromFragment`) and what may
 * stand in a subprotocol name. The upper bound keeps the handshake header small.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function tokenProtocol(token: string): string {
  return `${BRIDGE_TOKEN_PROTOCOL}${token}`;
}

/** The subprotocol carrying a token among those a client offered (a comma-separated header). */
export function offeredTokenProtocol(header: string | undefined): string | undefined {
  return header
    ?.split(',')
    .map((protocol) => protocol.trim())
    .find((protocol) => protocol.startsWith(BRIDGE_TOKEN_PROTOCOL));
}

/**
 * Whether the offered subprotocol carries the expected token. Both sides are hashed first, so the
 * comparison takes the same time whatever their lengths and wherever they first differ.
 */
export function carriesToken(offered: string, expected: string): boolean {
  return timingSafeEqual(digest(offered), digest(tokenProtocol(expected)));
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
