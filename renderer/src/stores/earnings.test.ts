import { describe, expect, it } from 'vitest';
import { cannedApi, failWith } from '../test/canned-api';
import { earningsSummary } from '../test/fixtures';
import { createEarningsStore } from './earnings';

const flushed = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the earnings store', () => {
  it('reads the summary, and again when a reward arrives', async () => {
    const canned = cannedApi({ 'earnings.summary': earningsSummary() });
    const store = createEarningsStore(canned.api);
    await store.getState().load();
    expect(store.getState().summary?.total).toBe('12500000000');
    canned.answer({ 'earnings.summary': { ...earningsSummary(), total: '13000000000' } });
    canned.emit('node.reward', { window: 9, amount: '500000000', unit: 'tao', at: 1 });
    await flushed();
    expect(store.getState().summary?.total).toBe('13000000000');
  });

  it('keeps a failed read as a problem and the last summary it had', async () => {
    const canned = cannedApi({ 'earnings.summary': earningsSummary() });
    const store = createEarningsStore(canned.api);
    await store.getState().load();
    canned.answer({ 'earnings.summary': failWith('unavailable', 'The chain is not reachable.') });
    await store.getState().load();
    expect(store.getState().loadError?.message).toBe('The chain is not reachable.');
    expect(store.getState().summary).not.toBeNull();
  });
});
