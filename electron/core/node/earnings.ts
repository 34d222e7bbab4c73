/**
 * Earnings from the chain's own record: what the hotkey was paid at each tempo (emission
 * history), grouped by window and by local day, with its standing among miners. On Bittensor
 * they are in the subnet's alpha and also shown in TAO at the current price. Times of past
 * blocks are estimated from the block time, which is what a block explorer would show too.
 */
import type { EarningsSummary } from '../../contract/earnings';
import type { EarningsUnit } from '../../contract/node';
import {
  type BlockInfo,
  type Chain,
  type EmissionRecord,
  type Metagraph,
  RAO_PER_TAO,
} from '../network/chain';

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
  unit: EarningsUnit;
  /** With alpha: rao of TAO per alpha, null while it cannot be read. */
  alphaPrice: bigint | null;
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
  const neurons = input.metagraph?.neurons ?? [];
  // A validator permit follows stake; a neuron that earns incentive mines all the same.
  const miners = neurons.filter((n) => !n.validatorPermit || n.incentive > 0);
  const ranked = [...miners].sort((a, b) => b.incentive - a.incentive);
  const index = ranked.findIndex((n) => n.hotkey === input.hotkey);
  const me = neurons.find((n) => n.hotkey === input.hotkey);
  const priced = input.unit === 'alpha' ? input.alphaPrice : null;
  const inTao = (alpha: bigint) => ((alpha * priced!) / RAO_PER_TAO).toString();
  return {
    hotkeyAddress: input.hotkey,
    unit: input.unit,
    alphaPriceTao: priced === null ? null : Number(priced) / Number(RAO_PER_TAO),
    inTao: priced === null ? null : { today: inTao(today), total: inTao(total) },
    total: total.toString(),
    today: today.toString(),
    // Emissions are credited at each tempo (the devnet's to the balance, Bittensor's as stake):
    // nothing is held back.
    pending: '0',
    received: total.toString(),
    incentive: me?.incentive ?? null,
    rank: index >= 0 ? index + 1 : null,
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

/**
 * Reads what the summary needs from the chain. A price that cannot be read leaves the earnings
 * in alpha alone: they are the chain's record, the price only a view of them.
 */
export async function readEarnings(
  chain: Chain,
  hotkey: string,
  now: number,
): Promise<EarningsSummary> {
  const [records, head, metagraph, price] = await Promise.all([
    chain.emissionHistory(hotkey),
    chain.currentBlock(),
    chain.metagraph(),
    chain.alphaPrice().then(
      (alphaPrice) => ({ unit: alphaPrice === null ? 'tao' : 'alpha', alphaPrice }) as const,
      () => ({ unit: 'alpha', alphaPrice: null }) as const,
    ),
  ]);
  return summarizeEarnings({
    ...price,
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

/** One row per paid window; amounts in the summary's unit (TAO, or a subnet's alpha). */
export function earningsCsv(summary: EarningsSummary): string {
  const rows = [`window,block,time_utc,amount_rao,amount_${summary.unit}`];
  for (const w of summary.perWindow) {
    const rao = BigInt(w.amount);
    const whole = `${rao / RAO_PER_TAO}.${(rao % RAO_PER_TAO).toString().padStart(9, '0')}`;
    rows.push(`${w.window},${w.block},${new Date(w.at).toISOString()},${w.amount},${whole}`);
  }
  return `${rows.join('\n')}\n`;
}
