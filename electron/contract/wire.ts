/**
 * The bridge's messages on the WebSocket, one JSON object per frame. The client sends calls with
 * its own ids; the server answers each id once and pushes events unprompted.
 */
import { z } from 'zod';
import { contractErrorSchema } from './index';

export const bridgeCallSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(100),
  args: z.unknown(),
});

export const bridgeServerMessageSchema = z.union([
  z.strictObject({ id: z.number().int(), result: z.unknown() }),
  z.strictObject({ id: z.number().int(), error: contractErrorSchema }),
  z.strictObject({ event: z.string(), payload: z.unknown() }),
]);

export type BridgeCall = z.infer<typeof bridgeCallSchema>;
export type BridgeServerMessage = z.infer<typeof bridgeServerMessageSchema>;

/** The WebSocket subprotocol prefix the token travels in (browsers cannot set headers). */
export const BRIDGE_TOKEN_PROTOCOL = 'tessera.token.';
