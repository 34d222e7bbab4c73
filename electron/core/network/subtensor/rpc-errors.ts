import { NetworkError } from '../errors';

/**
 * A failure from @polkadot/api as a `NetworkError`: lost or missing connections are
 * 'unavailable' (retried), a silent node 'timeout', the node's own JSON-RPC refusals 'rejected',
 * and answers that do not decode against the runtime's metadata 'invalid'.
 */
export function toNetworkError(error: unknown, doing: string, endpoint: string): NetworkError {
  if (error instanceof NetworkError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/\s+/g, ' ').replace(/\.$/, '').slice(0, 300);
  const fail = (kind: NetworkError['kind'], why: string) =>
    new NetworkError(kind, `Could not ${doing} on subtensor at ${endpoint}: ${why}.`);
  if (/No response received from RPC endpoint/i.test(message)) {
    return fail('timeout', 'the node did not answer in time');
  }
  if (
    /disconnected|not connected|WebSocket is not|ECONNREFUSED|ECONNRESET|socket hang up|closed/i.test(
      message,
    )
  ) {
    return fail('unavailable', `the connection is down (${reason})`);
  }
  // polkadot-js formats JSON-RPC errors as "<code>: <message>"
  const rpc = /^(-?\d+): (.*)$/s.exec(message);
  if (rpc) {
    const code = Number(rpc[1]);
    // -32603 internal error, 1014 priority too low / pool full: the same request may pass later
    if (code === -32603 || code === 1014) return fail('unavailable', reason);
    return fail('rejected', reason);
  }
  return fail('invalid', `the answer does not match the runtime's types (${reason})`);
}
