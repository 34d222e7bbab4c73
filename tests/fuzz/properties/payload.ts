/**
 * The payload decoder (docs/PROTOCOL.md §4) against arbitrary bytes, mutated valid files and
 * re-signed edits of content and metadata. Promise: every input comes back as a decoded payload
 * or a typed rejection; never an exception, never the decoder's catch-all ("could not be read",
 * which means some code underneath threw); a mutated file is never accepted unless it is exactly
 * what the hotkey signed.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { CompressedTensor, defaultCodecParams } from '../../../electron/protocol/codec/index';
import {
  decodePayload,
  encodePayload,
  type PayloadExpectation,
  type PayloadRejectionKind,
} from '../../../electron/protocol/payload/index';
import { devSigner, type Signer, verifySignature } from '../../../electron/protocol/signature';
import {
  codec,
  configHash,
  expectation,
  layout,
  PAYLOAD_REJECTION_KINDS,
  pseudoGradient,
} from '../../protocol/payload/fixtures';
import { applyMutation, type Mutation, payloadMutation } from './mutations';
import { type FuzzTarget, tally } from './target';

const KINDS: ReadonlySet<PayloadRejectionKind> = new Set(PAYLOAD_REJECTION_KINDS);

type Verify = (address: string, message: Uint8Array, signature: Uint8Array) => boolean;

/**
 * sr25519 verification costs milliseconds in JavaScript, too slow for a million cases. The stand-in
 * is exact for what the decoder must do with it: signature = SHA-512(message) under one hotkey, so
 * any change to a signed byte invalidates it, and re-signing an edit is cheap enough that edited
 * content reaches the content checks. A second target repeats byte mutations with real sr25519.
 */
const sha512 = (m: Uint8Array) => new Uint8Array(createHash('sha512').update(m).digest());

async function standInSigner(): Promise<{ signer: Signer; verify: Verify }> {
  const { ss58Address } = await devSigner('//fuzz/payload');
  return {
    signer: { ss58Address, sign: async (m) => sha512(m) },
    verify: (a, m, s) => a === ss58Address && Buffer.from(sha512(m)).equals(s),
  };
}

/** One input: a mutation of a valid file, or an edit re-signed by the hotkey. */
type PayloadInput =
  | { source: 'mutated'; seed: number; mutation: Mutation }
  | { source: 'resigned-content'; seed: number; tensor: number; edit: ContentEdit }
  | { source: 'resigned-metadata'; seed: number; field: MetadataEdit };

type ContentEdit =
  | { kind: 'indices'; edits: [number, number][] }
  | { kind: 'values'; at: number; value: number }
  | { kind: 'scale'; scale: number }
  | { kind: 'lookup'; bin: number; value: number; shift: number };

type MetadataEdit =
  | { key: 'runId'; value: string }
  | { key: 'window'; value: number }
  | { key: 'configHash'; value: string }
  | { key: 'codec'; value: Partial<typeof defaultCodecParams> };

const ODD_FLOATS = [
  0,
  -0,
  1e-13,
  1e-12,
  1e4,
  3e38,
  -3e38,
  -1,
  1e-45,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
const SEEDS = [1, 2, 3];

const contentEdit: fc.Arbitrary<ContentEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('indices' as const),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({
    kind: fc.constant('values' as const),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('scale' as const),
    scale: fc.oneof(fc.constantFrom(...ODD_FLOATS), fc.float()),
  }),
  fc.record({
    kind: fc.constant('lookup' as const),
    bin: fc.integer({ min: 0, max: 3 }),
    value: fc.oneof(fc.constantFrom(...ODD_FLOATS), fc.float()),
    shift: fc.oneof(fc.constantFrom(0, Number.NaN, 1e30), fc.float()),
  }),
);

const metadataEdit: fc.Arbitrary<MetadataEdit> = fc.oneof(
  fc.record({
    key: fc.constant('runId' as const),
    value: fc.string({ minLength: 1, maxLength: 130, unit: 'binary' }),
  }),
  fc.record({
    key: fc.constant('window' as const),
    value: fc.oneof(fc.nat(), fc.constantFrom(6, 8, 2 ** 53 - 1)),
  }),
  fc.record({
    key: fc.constant('configHash' as const),
    value: fc.stringMatching(/^[0-9a-f]{64}$/),
  }),
  fc.record({
    key: fc.constant('codec' as const),
    value: fc.record(
      {
        chunk: fc.integer({ min: 1, max: 64 }),
        topk: fc.integer({ min: 1, max: 64 }),
        dct: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  }),
);

const payloadInput: fc.Arbitrary<PayloadInput> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      source: fc.constant('mutated' as const),
      seed: fc.constantFrom(...SEEDS),
      mutation: payloadMutation,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      source: fc.constant('resigned-content' as const),
      seed: fc.constantFrom(...SEEDS),
      tensor: fc.nat({ max: layout.length - 1 }),
      edit: contentEdit,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      source: fc.constant('resigned-metadata' as const),
      seed: fc.constantFrom(...SEEDS),
      field: metadataEdit,
    }),
  },
);

function editTensor(t: CompressedTensor, e: ContentEdit): CompressedTensor {
  switch (e.kind) {
    case 'indices': {
      const indices = Uint8Array.from(t.indices);
      for (const [at, value] of e.edits) indices[at % indices.length] = value;
      return { ...t, indices };
    }
    case 'values': {
      const values = Uint8Array.from(t.values);
      values[e.at % values.length] = e.value;
      return { ...t, values };
    }
    case 'scale':
      return { ...t, quant: { ...t.quant, scale: e.scale } };
    case 'lookup': {
      const lookup = Float32Array.from(t.quant.lookup);
      lookup[e.bin] = e.value;
      return { ...t, quant: { ...t.quant, lookup, shift: e.shift } };
    }
  }
}

/** Checks one decode; `signedAs` is the file the hotkey really signed, when there is one. */
function judge(
  bytes: Uint8Array,
  expected: PayloadExpectation,
  verify: Verify,
  signedAs: Uint8Array | undefined,
  outcomes: Map<string, number>,
): string | undefined {
  const result = decodePayload(bytes, expected, { verify });
  if (result.ok) {
    if (!signedAs || !Buffer.from(signedAs).equals(bytes))
      return 'accepted bytes the hotkey never signed';
    tally(outcomes, 'accepted');
    return undefined;
  }
  const { kind, message } = result.rejection;
  tally(outcomes, kind);
  if (!KINDS.has(kind)) return `untyped rejection ${JSON.stringify(kind)}`;
  if (typeof message !== 'string' || message.length === 0)
    return `rejection ${kind} without a sentence`;
  if (message.startsWith('the payload could not be read'))
    return `the decoder's catch-all: ${message}`;
  return undefined;
}

export const payloadTarget: FuzzTarget<PayloadInput> = {
  name: 'payload decoder',
  fullCases: 1_000_000,
  testCases: 3_000,
  async prepare() {
    const { signer, verify } = await standInSigner();
    const gradients = new Map(SEEDS.map((seed) => [seed, pseudoGradient(seed)]));
    const encode = (seed: number, edit: Partial<Parameters<typeof encodePayload>[0]> = {}) =>
      encodePayload(
        {
          runId: 'run-test',
          window: 7,
          configHash,
          codec,
          layout,
          pseudoGradient: gradients.get(seed)!,
          ...edit,
        },
        signer,
      );
    const valid = new Map<number, Uint8Array>();
    for (const seed of SEEDS) valid.set(seed, await encode(seed));
    const expected = expectation();
    const outcomes = new Map<string, number>();
    return {
      arbitrary: payloadInput,
      outcomes,
      async check(input) {
        if (input.source === 'mutated') {
          const original = valid.get(input.seed)!;
          return judge(
            applyMutation(original, input.mutation),
            expected,
            verify,
            original,
            outcomes,
          );
        }
        let signed: Uint8Array;
        try {
          if (input.source === 'resigned-content') {
            const g = new Map(gradients.get(input.seed)!);
            const [name] = layout[input.tensor]!;
            g.set(name, editTensor(g.get(name)!, input.edit));
            signed = await encode(input.seed, { pseudoGradient: g });
          } else {
            const { key, value } = input.field;
            signed = await encode(
              input.seed,
              key === 'codec' ? { codec: { ...codec, ...value } } : { [key]: value },
            );
          }
        } catch {
          // The writer refused the edit (it checks its own content); nothing reached the reader.
          return undefined;
        }
        return judge(signed, expected, verify, signed, outcomes);
      },
    };
  },
};

/** Byte mutations checked with the real sr25519 verifier, which the stand-in above replaces. */
export const payloadSr25519Target: FuzzTarget<{ seed: number; mutation: Mutation }> = {
  name: 'payload decoder, sr25519',
  fullCases: 10_000,
  testCases: 150,
  async prepare() {
    const signer = await devSigner('//fuzz/payload');
    const valid = new Map<number, Uint8Array>();
    for (const seed of SEEDS) {
      valid.set(
        seed,
        await encodePayload(
          {
            runId: 'run-test',
            window: 7,
            configHash,
            codec,
            layout,
            pseudoGradient: pseudoGradient(seed),
          },
          signer,
        ),
      );
    }
    const expected = expectation();
    const outcomes = new Map<string, number>();
    return {
      arbitrary: fc.record({ seed: fc.constantFrom(...SEEDS), mutation: payloadMutation }),
      outcomes,
      check: ({ seed, mutation: m }) => {
        const original = valid.get(seed)!;
        return judge(applyMutation(original, m), expected, verifySignature, original, outcomes);
      },
    };
  },
};
