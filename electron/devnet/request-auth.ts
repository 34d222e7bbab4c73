import type { z } from 'zod';
import {
  signedMessage,
  signedRequestSchema,
  WRITE_PARAMS,
  type WriteMethod,
  type WriteParams,
} from '../core/network/devnet-api';
import { verifySignature } from '../protocol/signature';
import { DevnetError } from './errors';
import type { Subnet } from './subnet';

/**
 * Checks that a write comes from the hotkey it acts for, once: the body's shape, the sr25519
 * signature over the canonical (context, chain id, method, hotkey, nonce, params), and a fresh
 * nonce. One miner cannot register, commit or set weights for another, and a captured request
 * cannot be sent again.
 */
export function authenticate<M extends WriteMethod>(
  subnet: Subnet,
  method: M,
  body: unknown,
  now: number,
): { hotkey: string; params: WriteParams<M> } {
  const envelope = parse(signedRequestSchema, body, 'request');
  const params = parse(
    WRITE_PARAMS[method] as unknown as z.ZodType<WriteParams<M>>,
    envelope.params,
    'request.params',
  );
  const message = signedMessage(
    subnet.chainId,
    method,
    envelope.hotkey,
    envelope.nonce,
    envelope.params,
  );
  if (!verifies(envelope.hotkey, message, envelope.signature)) {
    throw new DevnetError(
      'bad-signature',
      `The signature is not ${envelope.hotkey}'s over this ${method} request on this devnet.`,
    );
  }
  subnet.acceptNonce(envelope.hotkey, envelope.nonce, now);
  return { hotkey: envelope.hotkey, params };
}

function verifies(hotkey: string, message: Uint8Array, signatureHex: string): boolean {
  try {
    return verifySignature(hotkey, message, Buffer.from(signatureHex.slice(2), 'hex'));
  } catch {
    return false;
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${what}.${issue.path.join('.')}` : what;
  throw new DevnetError('invalid-request', `${where}: ${issue.message.replace(/\.$/, '')}.`);
}
