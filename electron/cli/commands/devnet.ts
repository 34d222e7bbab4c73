import { join } from 'node:path';
import { MAX_SUBNET_SIZE } from '../../core/network/devnet-api';
import { dataDirectory } from '../../core/paths';
import { type Coordinator, STATE_FILE, startCoordinator } from '../../devnet/coordinator';
import { DEFAULT_PARAMS, type DevnetParams } from '../../devnet/params';
import type { Command } from '../command';
import { integerFlag } from '../flags';
import { parseFlags } from '../usage-error';

/** A fixed default port, so `--network http://127.0.0.1:7345` works without reading the output. */
const DEFAULT_PORT = 7345;

export const devnet: Command = {
  name: 'devnet',
  summary: 'Run the embedded local network (the chain coordinator) until Ctrl-C',
  usage: [
    'Usage: tessera devnet [--port N] [--data-dir DIR] [--block-ms N] [--window-blocks N]',
    '                      [--tempo N] [--max-uids N] [--json]',
    '',
    'Runs the devnet coordinator on 127.0.0.1: blocks, registrations, bucket commitments,',
    'validator weights and emissions. Its state survives restarts; the chain pauses while stopped.',
    '',
    `  --port           TCP port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)`,
    '  --data-dir       where the state lives (default: <tessera data>/devnet)',
    `  --block-ms       milliseconds per block (default ${DEFAULT_PARAMS.blockMs})`,
    `  --window-blocks  blocks per window (default ${DEFAULT_PARAMS.blocksPerWindow})`,
    `  --tempo          blocks between emissions (default ${DEFAULT_PARAMS.tempo})`,
    `  --max-uids       subnet size (default ${DEFAULT_PARAMS.maxUids})`,
    '  --json           one JSON object per line instead of text',
    '',
    'Window length, tempo and subnet size are fixed when a data directory is first used.',
  ].join('\n'),

  async run(argv) {
    const flags = parseFlags(argv, {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'block-ms': { type: 'string' },
      'window-blocks': { type: 'string' },
      tempo: { type: 'string' },
      'max-uids': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const port = integerFlag('port', flags.port, DEFAULT_PORT, 0, 65_535);
    const dataDir = flags['data-dir'] ?? join(dataDirectory(), 'devnet');
    const optional = (name: string, text: string | undefined, min: number, max: number) =>
      text === undefined ? undefined : integerFlag(name, text, 0, min, max);
    // Only flags actually given are passed: an existing devnet keeps its own parameters.
    const params: Partial<DevnetParams> = {
      blockMs: optional('block-ms', flags['block-ms'], 10, 600_000),
      blocksPerWindow: optional('window-blocks', flags['window-blocks'], 1, 100_000),
      tempo: optional('tempo', flags.tempo, 1, 100_000),
      maxUids: optional('max-uids', flags['max-uids'], 1, MAX_SUBNET_SIZE),
    };
    const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
    const say = (line: string) => process.stdout.write(`${line}\n`);

    let coordinator: Coordinator;
    let lastBlock = 0;
    try {
      coordinator = await startCoordinator({
        dataDir,
        params,
        port,
        log: flags.json ? undefined : say,
        onBlock: (outcome) => {
          lastBlock = outcome.head.block;
          if (flags.json && outcome.epoch !== undefined) {
            print({ epoch: outcome.epoch, block: outcome.head.block });
          }
        },
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        throw new Error(`port ${port} is in use; pass --port 0 for any free port`);
      }
      throw error;
    }

    const { params: p } = coordinator;
    const head = coordinator.subnet.head();
    lastBlock = head.block;
    if (flags.json) {
      print({
        ready: {
          url: coordinator.url,
          chainId: coordinator.chainId,
          dataDir,
          block: head.block,
          blockMs: p.blockMs,
          blocksPerWindow: p.blocksPerWindow,
          tempo: p.tempo,
          maxUids: p.maxUids,
        },
      });
    } else {
      say(`Devnet running at ${coordinator.url}`);
      say(
        `  chain ${coordinator.chainId}, state in ${join(dataDir, STATE_FILE)}, at block ${head.block}`,
      );
      say(
        `  a block every ${p.blockMs} ms, windows of ${p.blocksPerWindow} blocks, ` +
          `emissions every ${p.tempo} blocks, up to ${p.maxUids} uids`,
      );
      say('Press Ctrl-C to stop.');
    }

    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await coordinator.stop();
    if (flags.json) print({ stopped: { block: lastBlock } });
    else say(`Devnet stopped at block ${lastBlock}.`);
    return 0;
  },
};
