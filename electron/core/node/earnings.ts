/**
 * Earnings from the chain's own record: what the hotkey was paid at each tempo (emission
 * history), grouped by window and by local day, with its standing among miners. Times of past
 * blocks are estimated from the block time, which is what a block explorer would show too.
 */
import type { EarningsSummary } from '../../contract/earnings';
import type { BlockInfo, Chain, EmissionRecord, Metagraph } from '../network/chain';

export interface EarningsInput {
  hotkey: string | null;
  records: readonly EmissionRecord[];
  head: BlockInfo;
  blockMs: number;
  blocksPerWindow: number;
  /** Blocks between emissions. */
  tempo: number;
  metagraph: Metagraph | undefined;
  now: number;
}

/** A local calendar day, YYYY-MM-DD. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function summarizeEarnings(input: EarningsInput): EarningsSummary {
  const { head, blockMs } = input;
  const timeOf = (block: number) => head.timestamp - (head.block - block) * blockMs;
  const perWindow = input.records
    .filter((r) => r.incentive > 0n)
    .map((r) => ({
      window: Math.floor(r.block / input.blocksPerWindow),
      block: r.block,
      at: timeOf(r.block),
      amount: r.incentive.toString(),
    }));
  const days = new Map<string, bigint>();
  let total = 0n;
  for (const w of perWindow) {
    const day = localDay(w.at);
    days.set(day, (days.get(day) ?? 0n) + BigInt(w.amount));
    total += BigInt(w.amount);
  }
  const today = days.get(localDay(input.now)) ?? 0n;
  const miners = (input.metagraph?.neurons ?? []).filter((n) => !n.validatorPermit);
  const ranked = [...miners].sort((a, b) => b.incentive - a.incentive);
  const index = ranked.findIndex((n) => n.hotkey === input.hotkey);
  const me = index >= 0 ? ranked[index] : undefined;
  return {
    hotkeyAddress: input.hotkey,
    alphaPriceTao: null,
    total: total.toString(),
    today: today.toString(),
    // The devnet pays at each tempo straight into the balance: nothing is held back.
    pending: '0',
    received: total.toString(),
    incentive: me?.incentive ?? null,
    rank: me ? index + 1 : null,
    miners: miners.length,
    perWindow,
    perDay: [...days].map(([day, amount]) => ({ day, amount: amount.toString() })),
    estimatedPerDay: perWindow.length || !me ? null : estimatePerDay(me.emission, input),
  };
}

/** Without history: the last tempo's emission, repeated for a day's worth of tempos. */
function estimatePerDay(emission: bigint, input: EarningsInput): string {
  const blocksPerDay = BigInt(Math.round(86_400_000 / input.blockMs));
  return ((emission * blocksPerDay) / BigInt(input.tempo)).toString();
}

/** Reads what the summary needs from the chain. */
export async function readEarnings(
  chain: Chain,
  hotkey: string,
  now: number,
): Promise<EarningsSummary> {
  const [records, head, metagraph] = await Promise.all([
    chain.emissionHistory(hotkey),
    chain.currentBlock(),
    chain.metagraph(),
  ]);
  return summarizeEarnings({
    hotkey,
    records,
    head,
    blockMs: chain.params.blockMs,
    blocksPerWindow: chain.params.blocksPerWindow,
    tempo: chain.params.tempo,
    metagraph,
    now,
  });
}

export function earningsCsv(summary: EarningsSummary): string {
  const rows = ['window,block,time_utc,amount_rao,amount_tao'];
  for (const w of summary.perWindow) {
    const rao = BigInt(w.amount);
    const tao = `${rao / 1_000_000_000n}.${(rao % 1_000_000_000n).toString().padStart(9, '0')}`;
    rows.push(`${w.window},${w.block},${new Date(w.at).toISOString()},${w.amount},${tao}`);
  }
  return `${rows.join('\n')}\n`;
}
