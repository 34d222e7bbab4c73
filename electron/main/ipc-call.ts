import { ContractCallError, type ContractError, type ContractService } from '../contract';
import type { FrameLike } from './ipc-guard';

/** What `window.tessera.call` resolves with: failures travel as values, since IPC keeps only an Error's message. */
export type CallOutcome = { result: unknown } | { error: ContractError };

/** The part of Electron's IpcMainInvokeEvent the handler reads. */
export interface CallEvent {
  readonly senderFrame: FrameLike | null;
}

export interface CallLog {
  warn(message: string): void;
  error(message: string, error: unknown): void;
}

/**
 * The handler behind the call channel: refuses a sender that is not the app's own page, then
 * hands the method to the core, which checks the name and the arguments against the contract.
 * A contract error goes back as it is; anything else is a bug, logged here in full and reported
 * to the page as 'internal' with its message only.
 */
export function callHandler(
  service: Pick<ContractService, 'call'>,
  isTrusted: (frame: FrameLike | null) => boolean,
  log: CallLog,
): (event: CallEvent, method: unknown, args: unknown) => Promise<CallOutcome> {
  return async (event, method, args) => {
    if (!isTrusted(event.senderFrame)) {
      log.warn(`Refused a call from a frame that is not Tessera's page: ${frameUrl(event)}`);
      return {
        error: { kind: 'forbidden', message: 'Only Tessera’s own window may use the app.' },
      };
    }
    try {
      return { result: await service.call(String(method), args) };
    } catch (error) {
      if (error instanceof ContractCallError) return { error: error.error };
      log.error(`${String(method).slice(0, 100)} failed unexpectedly`, error);
      return {
        error: {
          kind: 'internal',
          message: `Something went wrong inside Tessera: ${error instanceof Error ? error.message : String(error)}`,
        },
      };
    }
  };
}

function frameUrl(event: CallEvent): string {
  return event.senderFrame ? event.senderFrame.url.slice(0, 200) : '(a frame that is gone)';
}
