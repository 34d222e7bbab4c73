/**
 * One client's WebSocket: its calls go to the service and their answers come back under their ids,
 * the service's events are pushed as they happen, all within the client's rate and buffer limits.
 * Nothing a client sends throws out of here, and its mistakes end only its own connection.
 */
import { type RawData, WebSocket } from 'ws';
import type { ContractEvent, ContractService } from '../contract';
import type { BridgeCall, BridgeServerMessage } from '../contract/wire';
import { BRIDGE_LIMITS } from './limits';
import { callFailure, INTERNAL_ERROR, readClientMessage } from './messages';
import { TokenBucket } from './rate-limit';

/** RFC 6455 close codes the bridge ends a connection with (ws itself sends 1009 for a frame too big). */
export const CLOSE = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  internalError: 1011,
} as const;

export function serveConnection(socket: WebSocket, service: ContractService): void {
  const bucket = new TokenBucket(BRIDGE_LIMITS.burstCalls, BRIDGE_LIMITS.callsPerSecond);
  let strikes = 0;

  const send = (message: BridgeServerMessage): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    const text = encode(message);
    if (text === undefined) {
      // Only a service bug makes a value JSON cannot hold (a bigint, a cycle).
      if ('id' in message) send({ id: message.id, error: INTERNAL_ERROR });
      else socket.close(CLOSE.internalError, 'The app sent an event it could not encode.');
      return;
    }
    if (socket.bufferedAmount > BRIDGE_LIMITS.maxBufferedBytes) {
      socket.terminate();
      return;
    }
    socket.send(text);
  };

  const answer = async (call: BridgeCall): Promise<void> => {
    try {
      send({ id: call.id, result: await service.call(call.method, call.args) });
    } catch (error) {
      send({ id: call.id, error: callFailure(error) });
    }
  };

  const receive = (data: RawData, isBinary: boolean): void => {
    if (isBinary) {
      socket.close(CLOSE.unsupportedData, 'The bridge takes JSON text frames only.');
      return;
    }
    // The server keeps ws's default binaryType, so a text frame arrives as one Buffer.
    const message = readClientMessage((data as Buffer).toString('utf8'));
    if (message.kind === 'unreadable') {
      socket.close(CLOSE.invalidPayload, message.reason);
      return;
    }
    const id = message.kind === 'call' ? message.call.id : message.id;
    const admission = bucket.take();
    if (!admission.admitted) {
      strikes += 1;
      if (strikes > BRIDGE_LIMITS.floodStrikes)
        socket.close(CLOSE.policyViolation, 'Too many calls; the bridge closed the connection.');
      else
        send({
          id,
          error: {
            kind: 'rate-limited',
            message: 'Too many calls at once; the app will answer again shortly.',
            retryAfterMs: admission.retryAfterMs,
          },
        });
      return;
    }
    strikes = 0;
    if (message.kind === 'invalid') send({ id, error: message.error });
    else void answer(message.call);
  };

  const unsubscribe = service.subscribe((event: ContractEvent) =>
    send({ event: event.event, payload: event.payload }),
  );
  socket.on('message', receive);
  socket.on('close', unsubscribe);
  // ws reports a broken frame (too big, invalid UTF-8) here, after closing the socket itself
  // with the matching code; without a listener the report would crash the process.
  socket.on('error', () => {});
}

function encode(message: BridgeServerMessage): string | undefined {
  try {
    return JSON.stringify(message);
  } catch {
    return undefined;
  }
}
