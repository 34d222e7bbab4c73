/**
 * Reading a client's frame into a call, and turning a call's failure into what travels back. A
 * frame that is not JSON, or has no id to answer, cannot be replied to; one with an id gets its
 * error under that id.
 */
import { ContractCallError, type ContractError } from '../contract';
import { type BridgeCall, bridgeCallSchema } from '../contract/wire';

export type ClientMessage =
  | { kind: 'call'; call: BridgeCall }
  | { kind: 'invalid'; id: number; error: ContractError }
  | { kind: 'unreadable'; reason: string };

export function readClientMessage(text: string): ClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'A message was not JSON.' };
  }
  const parsed = bridgeCallSchema.safeParse(json);
  if (parsed.success) return { kind: 'call', call: parsed.data };
  const id = (json as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0)
    return { kind: 'unreadable', reason: 'A message had no call id.' };
  return {
    kind: 'invalid',
    id,
    error: {
      kind: 'invalid-message',
      message: `The call was not understood: ${firstIssue(parsed.error.issues)}`,
    },
  };
}

/**
 * A service fails with ContractCallError by contract; anything else is a bug in the app, and its
 * details stay in the app rather than travel to whoever holds the socket.
 */
export function callFailure(error: unknown): ContractError {
  return error instanceof ContractCallError ? error.error : INTERNAL_ERROR;
}

export const INTERNAL_ERROR: ContractError = {
  kind: 'internal',
  message: 'Something went wrong inside Tessera.',
};

const firstIssue = (issues: readonly { path: PropertyKey[]; message: string }[]): string => {
  const issue = issues[0]!;
  return `${issue.path.length ? issue.path.map(String).join('.') : 'message'}: ${issue.message}`;
};
