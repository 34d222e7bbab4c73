import {
  ContractCallError,
  type ContractEvent,
  type ContractService,
  contract,
} from '../../electron/contract';
import type { LogLine } from '../../electron/contract/diagnostics';

/**
 * A small real service for the bridge to serve: a log that answers `logs.recent` from what was
 * written to it and pushes each new line as a `log.line` event, `app.info`, a `doctor.report`
 * that answers only when the test lets it, and two bugs: a `diagnostics.text` that fails with a
 * plain Error and an `earnings.summary` whose result JSON cannot hold.
 */
export function logService() {
  const listeners = new Set<(event: ContractEvent) => void>();
  const lines: LogLine[] = [];
  const heldReports: Array<() => void> = [];
  let calls = 0;

  const service: ContractService = {
    async call(method, args) {
      calls += 1;
      switch (method) {
        case 'app.info':
          return {
            version: '0.1.0-test',
            host: 'headless',
            platform: 'linux',
            arch: 'x64',
            dataDirectory: '/tmp/tessera-test',
            onboarded: false,
          };
        case 'logs.recent': {
          const parsed = contract.methods['logs.recent'].args.safeParse(args ?? {});
          if (!parsed.success)
            throw new ContractCallError({
              kind: 'invalid-arguments',
              message: 'logs.recent: limit must be between 1 and 5000',
            });
          return { lines: lines.slice(-parsed.data.limit) };
        }
        case 'doctor.report':
          await new Promise<void>((resolve) => heldReports.push(resolve));
          return { held: true };
        case 'earnings.summary':
          return { totalRao: 10n };
        case 'diagnostics.text':
          throw new Error('cannot read /home/alice/.tessera/secret-settings.json');
        default:
          throw new ContractCallError({
            kind: 'unknown-method',
            message: `There is no method '${method}'.`,
          });
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    service,
    log(message: string, source = 'miner'): LogLine {
      const line: LogLine = { at: lines.length, level: 'info', source, message };
      lines.push(line);
      for (const listener of listeners) listener({ event: 'log.line', payload: line });
      return line;
    },
    /** Pushes an event whose payload JSON cannot hold, as a bug in the core would. */
    emitUnencodable(): void {
      const payload = { at: 0n } as unknown as LogLine;
      for (const listener of listeners) listener({ event: 'log.line', payload });
    },
    /** Lets every `doctor.report` call made so far answer. */
    releaseReports(): void {
      for (const release of heldReports.splice(0)) release();
    },
    listenerCount: () => listeners.size,
    callCount: () => calls,
  };
}

export type LogService = ReturnType<typeof logService>;
