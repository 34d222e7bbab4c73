import { describe, expect, it, vi } from 'vitest';
import { ContractCallError } from '../../electron/contract';
import { callHandler } from '../../electron/main/ipc-call';
import type { FrameLike } from '../../electron/main/ipc-guard';

const frame: FrameLike = {
  url: 'file:///app/index.html',
  processId: 1,
  routingId: 1,
  parent: null,
};

function setup(call: (method: string, args: unknown) => Promise<unknown>, trusted = true) {
  const service = { call: vi.fn(call) };
  const log = { warn: vi.fn(), error: vi.fn() };
  const handle = callHandler(service, () => trusted, log);
  return { service, log, handle };
}

describe('callHandler', () => {
  it("returns the core's result for the app's page", async () => {
    const { service, handle } = setup(async () => ({ state: 'training' }));

    await expect(handle({ senderFrame: frame }, 'node.status', {})).resolves.toEqual({
      result: { state: 'training' },
    });
    expect(service.call).toHaveBeenCalledWith('node.status', {});
  });

  it('returns a contract error as it is', async () => {
    const error = { kind: 'wrong-password', message: 'That password is not right.' };
    const { handle } = setup(async () => {
      throw new ContractCallError(error);
    });

    await expect(handle({ senderFrame: frame }, 'wallet.unlock', {})).resolves.toEqual({ error });
  });

  it("reports any other failure as 'internal' and logs it in full", async () => {
    const bug = new TypeError('x is undefined');
    const { handle, log } = setup(async () => {
      throw bug;
    });

    const outcome = await handle({ senderFrame: frame }, 'node.start', {});

    expect(outcome).toEqual({
      error: { kind: 'internal', message: 'Something went wrong inside Tessera: x is undefined' },
    });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('node.start'), bug);
  });

  it('refuses an untrusted sender without calling the core', async () => {
    const { service, handle, log } = setup(async () => 'secret', false);

    const outcome = await handle(
      { senderFrame: { ...frame, url: 'https://evil.example/' } },
      'wallet.list',
      {},
    );

    expect(outcome).toEqual({ error: expect.objectContaining({ kind: 'forbidden' }) });
    expect(service.call).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
  });
});
