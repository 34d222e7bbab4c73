import { describe, expect, it } from 'vitest';
import { cannedApi, failWith } from './canned-api';
import { appInfo, doctorReport, walletSummary } from './fixtures';

describe('the canned API', () => {
  it('answers with the canned result and records the call', async () => {
    const canned = cannedApi({ 'app.info': appInfo(false) });
    await expect(canned.api.call('app.info', {})).resolves.toMatchObject({ onboarded: false });
    expect(canned.callsTo('app.info')).toEqual([{}]);
  });

  it('refuses a fixture the contract would not return', () => {
    const broken = { ...doctorReport(), providers: [{ name: 'opencl', available: true }] };
    expect(() => cannedApi({ 'doctor.report': broken as never })).toThrow();
  });

  it('fails with the canned contract error', async () => {
    const canned = cannedApi({ 'wallet.unlock': failWith('wrong-password', 'Wrong password.') });
    await expect(
      canned.api.call('wallet.unlock', { wallet: 'alice', password: 'x' }),
    ).rejects.toMatchObject({
      kind: 'wrong-password',
      message: 'Wrong password.',
    });
  });

  it('refuses arguments the contract refuses, as the core does', async () => {
    const canned = cannedApi({ 'wallet.list': { wallets: [walletSummary()] } });
    await expect(canned.api.call('wallet.unlock', { wallet: '' })).rejects.toMatchObject({
      kind: 'invalid-arguments',
    });
  });

  it('delivers events checked against their schema', () => {
    const canned = cannedApi();
    const seen: unknown[] = [];
    canned.api.on('wallet.status', (p) => seen.push(p));
    canned.emit('wallet.status', { wallet: 'alice', unlocked: true, reason: 'unlocked' });
    expect(seen).toEqual([{ wallet: 'alice', unlocked: true, reason: 'unlocked' }]);
    expect(() => canned.emit('wallet.status', { wallet: 'alice' } as never)).toThrow();
  });
});
