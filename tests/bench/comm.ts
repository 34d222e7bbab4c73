/**
 * `npm run bench:comm [-- --json] [--configs nano,wide] [--peers 4] [--windows N] [--inner-steps H]`
 *
 * What SparseLoCo-style compression costs in learning, against what it saves on the wire. K
 * simulated peers train the same model in this process, each on its own pages (assignPages with
 * its hotkey), for N windows of H inner AdamW steps, three ways at equal tokens:
 *   dense  - DiLoCo: every peer's full fp32 pseudo-gradient averaged, outer Nesterov SGD;
 *   codec  - this protocol: error feedback, chunked top-k, 12-bit indices, 2-bit values, signed
 *            payloads decoded and verified, median-norm clipping, outer SGD;
 *   single - one worker alone for K x N x H steps.
 * Reports final held-out loss of each, payload bytes per peer per window, the compression ratio
 * against dense fp32, and codec milliseconds per peer per window against training milliseconds.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { assignPages, makeBatch, type PageSet } from '../../electron/engine/data';
import {
  configs,
  type ModelConfig,
  parameterCount,
  parameterShapes,
} from '../../electron/engine/model/config';
import { initWeights, type Weights } from '../../electron/engine/model/init';
import { learningRate } from '../../electron/engine/optim/schedule';
import {
  aggregate,
  DEFAULT_OUTER_LR,
  type GatheredPseudoGradient,
  OuterOptimizer,
  type OuterStepSettings,
  type Reduction,
} from '../../electron/protocol/aggregate';
import { modelConfigHash } from '../../electron/protocol/canonical-json';
import {
  type CodecParams,
  DEFAULT_FEEDBACK_DECAY,
  defaultCodecParams,
  ErrorFeedback,
} from '../../electron/protocol/codec';
import { decodePayload, encodePayload } from '../../electron/protocol/payload';
import { devSigner, type Signer, verifySignature } from '../../electron/protocol/signature';
import {
  benchPages,
  cloneWeights,
  freshWorker,
  HeldOutEvaluator,
  StepRunner,
  type WorkerState,
} from './comm-training';

interface Case {
  config: ModelConfig;
  batch: number;
  seq: number;
  windows: number;
  innerSteps: number;
  innerLr: number;
}

/** nano's architecture, twice as wide and a third deeper: ~7 M parameters, still CPU-trainable. */
const wide: ModelConfig = {
  ...configs.nano,
  name: 'wide',
  hidden_size: 256,
  intermediate_size: 768,
  num_hidden_layers: 8,
  num_attention_heads: 8,
  num_key_value_heads: 8,
};

/**
 * Sized so both configs, all three arms, finish in about a quarter of an hour on 2 cores. 24
 * windows of 8 steps rather than fewer, longer windows: the sparse arm needs outer steps to send
 * what error feedback holds back (at 12 x 15 it trailed dense by 7 %, at 24 x 8 by 1.5 %).
 */
const CASES: Record<string, Case> = {
  nano: { config: configs.nano, batch: 8, seq: 64, windows: 24, innerSteps: 8, innerLr: 3e-3 },
  wide: { config: wide, batch: 4, seq: 64, windows: 24, innerSteps: 8, innerLr: 2e-3 },
};

const RUN_SEED = 'bench-comm';
const HELD_OUT_PAGES = 128;

type Arm = 'dense' | 'codec' | 'single';

interface Settings {
  peers: number;
  denseOuter: OuterStepSettings;
  codecOuter: OuterStepSettings;
  reduction: Reduction;
  codec: CodecParams;
  beta: number;
  threads: number;
}

interface Timing {
  trainMs: number;
  compressMs: number;
  /** encodePayload, of which signMs is the sr25519 signature. */
  encodeMs: number;
  signMs: number;
  /** decodePayload of every peer's payload, of which verifyMs is sr25519 verification. */
  decodeMs: number;
  verifyMs: number;
  aggregateMs: number;
  payloadBytes: number;
  payloads: number;
}

interface Context {
  c: Case;
  s: Settings;
  init: Weights;
  train: PageSet;
  runner: StepRunner;
  evaluator: HeldOutEvaluator;
  signers: Signer[];
}

const lrAt = (c: Case, step: number, total: number) =>
  learningRate(
    {
      peakLr: c.innerLr,
      minLr: c.innerLr / 10,
      warmupSteps: Math.ceil(total / 20),
      decaySteps: total,
    },
    step,
  );

/** H inner steps of one worker on its pages for this window; returns the milliseconds spent. */
async function innerSteps(
  ctx: Context,
  worker: WorkerState,
  pages: number[],
  steps: number,
  stepOffset: number,
  totalSteps: number,
) {
  const { c, train, runner } = ctx;
  const started = performance.now();
  for (let h = 0; h < steps; h++) {
    const b = makeBatch(train, pages.slice(h * c.batch, (h + 1) * c.batch), c.seq);
    await runner.step(worker, b.tokens, b.targets, lrAt(c, stepOffset + h + 1, totalSteps));
  }
  return performance.now() - started;
}

/** start - end: the pseudo-gradient, pointing downhill for SGD. */
function pseudoGradientOf(start: Weights, end: Weights): Weights {
  return new Map(
    [...start].map(([n, s]) => {
      const e = end.get(n)!;
      return [n, s.map((x, i) => x - e[i]!)];
    }),
  );
}

function meanOf(deltas: Weights[]): Weights {
  const out: Weights = new Map();
  for (const [name, first] of deltas[0]!) {
    const sum = new Float64Array(first.length);
    for (const d of deltas) {
      const a = d.get(name)!;
      for (let i = 0; i < a.length; i++) sum[i]! += a[i]!;
    }
    out.set(
      name,
      Float32Array.from(sum, (x) => x / deltas.length),
    );
  }
  return out;
}

async function distributed(ctx: Context, arm: 'dense' | 'codec') {
  const { c, s, signers } = ctx;
  const layout = parameterShapes(c.config);
  const configHash = modelConfigHash(c.config);
  const global = cloneWeights(ctx.init);
  const workers = signers.map(() => freshWorker(ctx.init));
  const feedback = signers.map(() => new ErrorFeedback(layout, s.codec, s.beta));
  const outer = new OuterOptimizer(arm === 'dense' ? s.denseOuter : s.codecOuter);
  // Signatures are timed apart: a dense payload would be signed and verified just the same.
  const timedSigners: Signer[] = signers.map((signer) => ({
    ss58Address: signer.ss58Address,
    async sign(message) {
      const started = performance.now();
      const signature = await signer.sign(message);
      t.signMs += performance.now() - started;
      return signature;
    },
  }));
  const verify = (address: string, message: Uint8Array, signature: Uint8Array) => {
    const started = performance.now();
    const valid = verifySignature(address, message, signature);
    t.verifyMs += performance.now() - started;
    return valid;
  };
  const t: Timing = {
    trainMs: 0,
    compressMs: 0,
    encodeMs: 0,
    signMs: 0,
    decodeMs: 0,
    verifyMs: 0,
    aggregateMs: 0,
    payloadBytes: 0,
    payloads: 0,
  };
  const totalSteps = c.windows * c.innerSteps;
  for (let window = 0; window < c.windows; window++) {
    const deltas: Weights[] = [];
    const payloads: Uint8Array[] = [];
    for (const [k, signer] of timedSigners.entries()) {
      const worker = workers[k]!;
      worker.weights = cloneWeights(global);
      const pages = assignPages({
        hotkey: signer.ss58Address,
        window,
        runSeed: RUN_SEED,
        pagesPerWindow: c.innerSteps * c.batch,
        totalPages: ctx.train.pageCount,
      });
      t.trainMs += await innerSteps(
        ctx,
        worker,
        pages,
        c.innerSteps,
        window * c.innerSteps,
        totalSteps,
      );
      const delta = pseudoGradientOf(global, worker.weights);
      if (arm === 'dense') {
        deltas.push(delta);
        continue;
      }
      let started = performance.now();
      const pseudoGradient = feedback[k]!.compress(delta);
      t.compressMs += performance.now() - started;
      started = performance.now();
      const bytes = await encodePayload(
        { runId: RUN_SEED, window, configHash, codec: s.codec, layout, pseudoGradient },
        signer,
      );
      t.encodeMs += performance.now() - started;
      t.payloadBytes += bytes.length;
      t.payloads++;
      payloads.push(bytes);
    }
    let update: Weights;
    if (arm === 'dense') update = meanOf(deltas);
    else {
      let started = performance.now();
      const gathered: GatheredPseudoGradient[] = payloads.map((bytes, k) => {
        const expected = { runId: RUN_SEED, window, configHash, codec: s.codec, layout };
        const result = decodePayload(
          bytes,
          { ...expected, hotkey: signers[k]!.ss58Address },
          { verify },
        );
        if (!result.ok) throw new Error(`peer ${k}: ${result.rejection.message}`);
        return result.payload;
      });
      t.decodeMs += performance.now() - started;
      started = performance.now();
      update = aggregate(gathered, layout, s.codec, { reduction: s.reduction }).update;
      t.aggregateMs += performance.now() - started;
    }
    outer.step(global, update);
  }
  return { loss: await ctx.evaluator.loss(global), timing: t };
}

async function single(ctx: Context) {
  const { c, s } = ctx;
  const worker = freshWorker(ctx.init);
  const perWindow = s.peers * c.innerSteps;
  const total = c.windows * perWindow;
  for (let window = 0; window < c.windows; window++) {
    const pages = assignPages({
      hotkey: 'single-worker',
      window,
      runSeed: RUN_SEED,
      pagesPerWindow: perWindow * c.batch,
      totalPages: ctx.train.pageCount,
    });
    await innerSteps(ctx, worker, pages, perWindow, window * perWindow, total);
  }
  return { loss: await ctx.evaluator.loss(worker.weights) };
}

function parseOuter(text: string): OuterStepSettings {
  const [kind, lr, momentum] = text.split(':');
  if (kind === 'sgd') return { lr: Number(lr) };
  if (kind === 'nesterov') return { lr: Number(lr), momentum: Number(momentum), nesterov: true };
  throw new Error(`outer step "${text}": write sgd:<lr> or nesterov:<lr>:<momentum>`);
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      configs: { type: 'string', default: 'nano,wide' },
      peers: { type: 'string', default: '4' },
      windows: { type: 'string' },
      'inner-steps': { type: 'string' },
      'inner-lr': { type: 'string' },
      // Each arm at its best of those tried (docs/PROTOCOL.md §6): plain averaging for dense
      // (beat DiLoCo's Nesterov 0.7/0.9 over so few outer steps), lr 0.7 for the codec.
      'dense-outer': { type: 'string', default: 'sgd:1' },
      'codec-outer': { type: 'string', default: `sgd:${DEFAULT_OUTER_LR}` },
      reduction: { type: 'string', default: 'mean-over-selecting' },
      arms: { type: 'string', default: 'dense,codec,single' },
      threads: { type: 'string', default: String(availableParallelism()) },
    },
  });
  const names = values.configs.split(',');
  const arms = new Set(values.arms.split(',') as Arm[]);
  if (names.some((n) => !Object.hasOwn(CASES, n))) {
    process.stderr.write(`bench:comm: configs are ${Object.keys(CASES).join(', ')}\n`);
    return 2;
  }
  const settings: Settings = {
    peers: Number(values.peers),
    denseOuter: parseOuter(values['dense-outer']),
    codecOuter: parseOuter(values['codec-outer']),
    reduction: values.reduction as Reduction,
    codec: defaultCodecParams,
    beta: DEFAULT_FEEDBACK_DECAY,
    threads: Number(values.threads),
  };
  const signers = await Promise.all(
    Array.from({ length: settings.peers }, (_, k) => devSigner(`//bench/peer/${k}`)),
  );
  for (const name of names) {
    const base = CASES[name]!;
    const c: Case = {
      ...base,
      windows: Number(values.windows ?? base.windows),
      innerSteps: Number(values['inner-steps'] ?? base.innerSteps),
      innerLr: Number(values['inner-lr'] ?? base.innerLr),
    };
    const { train, heldOut } = benchPages(c.config, c.seq);
    const ctx: Context = {
      c,
      s: settings,
      init: initWeights(c.config, RUN_SEED),
      train,
      runner: await StepRunner.create(c.config, c.batch, c.seq, settings.threads),
      evaluator: await HeldOutEvaluator.create(
        c.config,
        heldOut,
        c.seq,
        HELD_OUT_PAGES,
        settings.threads,
      ),
      signers,
    };
    const say = (line: string) => values.json || process.stderr.write(`${line}\n`);
    const params = parameterCount(c.config);
    say(
      `${name}: ${(params / 1e6).toFixed(2)} M parameters, ${settings.peers} peers x ${c.windows} windows x ${c.innerSteps} steps of ${c.batch} x ${c.seq} tokens`,
    );
    const initial = await ctx.evaluator.loss(ctx.init);
    const started = performance.now();
    const dense = arms.has('dense') ? await distributed(ctx, 'dense') : undefined;
    say(
      `  dense  ${dense?.loss.toFixed(4)}  (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    const codec = arms.has('codec') ? await distributed(ctx, 'codec') : undefined;
    say(
      `  codec  ${codec?.loss.toFixed(4)}  (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    const alone = arms.has('single') ? await single(ctx) : undefined;
    say(
      `  single ${alone?.loss.toFixed(4)}  (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    await ctx.runner.release();
    await ctx.evaluator.release();

    const t = codec?.timing ?? dense?.timing;
    const peerWindows = settings.peers * c.windows;
    const bytesPerPeerWindow = codec ? codec.timing.payloadBytes / codec.timing.payloads : 0;
    const perPeerWindow = (ms: number) => ms / peerWindows;
    // Per peer per window, a peer compresses and encodes its own payload, then decodes all K
    // payloads and aggregates them. sr25519 signing and verification are counted apart: a dense
    // payload would need them just the same, so they are not the codec's cost.
    const ct = codec?.timing;
    const codecMs = ct
      ? perPeerWindow(ct.compressMs + ct.encodeMs - ct.signMs) +
        (ct.decodeMs - ct.verifyMs + ct.aggregateMs) / c.windows
      : 0;
    const signatureMs = ct ? perPeerWindow(ct.signMs) + ct.verifyMs / c.windows : 0;
    const trainMs = t ? perPeerWindow(t.trainMs) : 0;
    const line = {
      bench: 'comm',
      config: name,
      peers: settings.peers,
      windows: c.windows,
      innerSteps: c.innerSteps,
      compressionRatio: codec ? round((4 * params) / bytesPerPeerWindow, 1) : null,
      bytesPerPeerWindow: Math.round(bytesPerPeerWindow),
      heldOutLoss: {
        dense: dense && round(dense.loss),
        codec: codec && round(codec.loss),
        single: alone && round(alone.loss),
      },
      codecOverheadShare: round(codecMs / trainMs),
      detail: {
        parameters: params,
        denseBytes: 4 * params,
        initialLoss: round(initial),
        codecVsDense: dense && codec && round(codec.loss / dense.loss - 1),
        tokensPerArm: settings.peers * c.windows * c.innerSteps * c.batch * c.seq,
        signatureShare: round(signatureMs / trainMs),
        msPerPeerWindow: ct && {
          train: round(trainMs, 1),
          compress: round(perPeerWindow(ct.compressMs), 1),
          encode: round(perPeerWindow(ct.encodeMs - ct.signMs), 1),
          decodeAll: round((ct.decodeMs - ct.verifyMs) / c.windows, 1),
          aggregate: round(ct.aggregateMs / c.windows, 1),
          sign: round(perPeerWindow(ct.signMs), 1),
          verifyAll: round(ct.verifyMs / c.windows, 1),
        },
        denseOuter: settings.denseOuter,
        codecOuter: settings.codecOuter,
        reduction: settings.reduction,
        innerLr: c.innerLr,
        batch: c.batch,
        seq: c.seq,
      },
    };
    if (values.json) process.stdout.write(`${JSON.stringify(line)}\n`);
    else {
      process.stdout.write(
        `${name}: held-out loss dense ${line.heldOutLoss.dense}, codec ${line.heldOutLoss.codec} ` +
          `(${((line.detail.codecVsDense ?? Number.NaN) * 100).toFixed(2)}% vs dense), single ${line.heldOutLoss.single}; ` +
          `${line.bytesPerPeerWindow} bytes per peer per window, ${line.compressionRatio}x smaller than dense fp32; ` +
          `codec ${codecMs.toFixed(1)} ms vs training ${trainMs.toFixed(0)} ms per peer per window ` +
          `(${(line.codecOverheadShare * 100).toFixed(2)}%; sr25519 another ${signatureMs.toFixed(1)} ms)\n`,
      );
    }
  }
  return 0;
}

process.exitCode = await main();
