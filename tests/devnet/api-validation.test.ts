import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  MAX_REQUEST_BYTES,
  signedMessage,
  type WriteMethod,
} from '../../electron/core/network/devnet-api';
import type { DevnetChain } from '../../electron/core/network/devnet-chain';
import type { Coordinator } from '../../electron/devnet/coordinator';
import type { Signer } from '../../electron/protocol/signature';
import { client, removeDir, signer, startTestCoordinator, tempDir } from './harness';

/** Refusals have this shape; successes are checked through `state()` instead. */
interface Refusal {
  error: { kind: string; message: string };
}

const PATHS: Record<WriteMethod, string> = {
  register: '/v1/register',
  commit: '/v1/commit',
  'set-weights': '/v1/weights',
};

describe('the coordinator API refuses bad requests with a reason, and changes nothing', () => {
  let dir: string;
  let coordinator: Coordinator;
  let alice: Signer; // validator
  let bob: Signer; // miner
  let eve: Signer; // not registered
  let chains: DevnetChain[] = [];
  let nonce = 0;

  beforeAll(async () => {
    dir = tempDir();
    // A long tempo: no epoch runs during these tests, so the state can only change by a write.
    coordinator = await startTestCoordinator(dir, { tempo: 100_000 });
    [alice, bob, eve] = await Promise.all([signer('//Alice'), signer('//Bob'), signer('//Eve')]);
    chains = await Promise.all(['//Alice', '//Bob'].map((uri) => client(coordinator, uri)));
    await chains[0]!.register({ asValidator: true });
    await chains[1]!.register();
    await chains[1]!.commit({ kind: 'fs', path: '/tmp/bob' });
  });
  afterAll(async () => {
    await Promise.all(chains.map((c) => c.close()));
    await coordinator?.stop();
    removeDir(dir);
  });

  /** A correctly signed body, with each part overridable to make it wrong. */
  async function signedBody(
    method: WriteMethod,
    params: unknown,
    options: {
      by?: Signer;
      hotkey?: string;
      nonce?: number;
      chainId?: string;
      signedParams?: unknown;
    } = {},
  ): Promise<Record<string, unknown>> {
    const by = options.by ?? bob;
    const hotkey = options.hotkey ?? by.ss58Address;
    // Nonces are the signer's clock, above any it used before (the DevnetChain clients too).
    nonce = Math.max(nonce + 1, Date.now());
    const n = options.nonce ?? nonce;
    const message = signedMessage(
      options.chainId ?? coordinator.chainId,
      method,
      hotkey,
      n,
      options.signedParams ?? params,
    );
    const signature = `0x${Buffer.from(await by.sign(message)).toString('hex')}`;
    return { hotkey, nonce: n, params, signature };
  }

  async function post(path: string, body: string | object) {
    const response = await fetch(`${coordinator.url}${path}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Refusal };
  }

  /** What a refused request must not change. */
  async function state() {
    const get = async (path: string) => (await fetch(`${coordinator.url}${path}`)).json();
    const answers = (await Promise.all(
      ['/v1/metagraph', '/v1/commitments', '/v1/weights'].map(get),
    )) as { block: number }[];
    // Everything but the height, which moves on by itself.
    return answers.map(({ block: _, ...rest }) => rest);
  }

  const uidOf = async (hotkey: string) =>
    (await chains[0]!.metagraph()).neurons.find((n) => n.hotkey === hotkey)!.uid;

  const cases: {
    name: string;
    path: string;
    body: () => Promise<string | object>;
    status: number;
    kind: string;
    says: RegExp;
  }[] = [
    {
      name: 'a body that is not JSON',
      path: PATHS.register,
      body: async () => '{"hotkey": ',
      status: 400,
      kind: 'invalid-json',
      says: /not JSON/,
    },
    {
      name: 'a body with no fields',
      path: PATHS.register,
      body: async () => ({}),
      status: 400,
      kind: 'invalid-request',
      says: /^request\.hotkey: /,
    },
    {
      name: 'a JSON array instead of an object',
      path: PATHS.commit,
      body: async () => [1, 2, 3],
      status: 400,
      kind: 'invalid-request',
      says: /^request: /,
    },
    {
      name: 'params missing a field',
      path: PATHS.commit,
      body: () => signedBody('commit', {}),
      status: 400,
      kind: 'invalid-request',
      says: /request\.params\.commitment/,
    },
    {
      name: 'params with an unknown field',
      path: PATHS.register,
      body: () => signedBody('register', { asValidator: false, stake: 10 }),
      status: 400,
      kind: 'invalid-request',
      says: /request\.params/,
    },
    {
      name: 'a hotkey that is not an SS58 address',
      path: PATHS.register,
      body: async () => ({
        ...(await signedBody('register', { asValidator: false })),
        hotkey: 'bob',
      }),
      status: 400,
      kind: 'invalid-request',
      says: /request\.hotkey/,
    },
    {
      name: "Bob's own key spelled with another SS58 prefix",
      path: PATHS.register,
      body: async () => {
        const polkadotSpelling = encodeAddress(decodeAddress(bob.ss58Address), 0);
        return signedBody('register', { asValidator: false }, { hotkey: polkadotSpelling });
      },
      status: 400,
      kind: 'invalid-request',
      says: /prefix 42/,
    },
    {
      name: 'a body over the size limit',
      path: PATHS.commit,
      body: async () => JSON.stringify({ padding: 'x'.repeat(MAX_REQUEST_BYTES + 1) }),
      status: 413,
      kind: 'too-large',
      says: new RegExp(`${MAX_REQUEST_BYTES} bytes`),
    },
    {
      name: 'a signature of random bytes',
      path: PATHS.commit,
      body: async () => ({
        ...(await signedBody('commit', { commitment: { kind: 'fs', path: '/x' } })),
        signature: `0x${'ab'.repeat(64)}`,
      }),
      status: 401,
      kind: 'bad-signature',
      says: /signature is not/,
    },
    {
      name: "Bob signing a commit for Alice's hotkey",
      path: PATHS.commit,
      body: () =>
        signedBody(
          'commit',
          { commitment: { kind: 'fs', path: '/stolen' } },
          {
            by: bob,
            hotkey: alice.ss58Address,
          },
        ),
      status: 401,
      kind: 'bad-signature',
      says: /signature is not/,
    },
    {
      name: 'Bob setting weights in the name of Alice (a validator)',
      path: PATHS['set-weights'],
      body: async () =>
        signedBody(
          'set-weights',
          { uids: [await uidOf(bob.ss58Address)], weights: [1], versionKey: 1 },
          {
            by: bob,
            hotkey: alice.ss58Address,
          },
        ),
      status: 401,
      kind: 'bad-signature',
      says: /signature is not/,
    },
    {
      name: 'params changed after signing',
      path: PATHS.commit,
      body: () =>
        signedBody(
          'commit',
          { commitment: { kind: 'fs', path: '/evil' } },
          {
            signedParams: { commitment: { kind: 'fs', path: '/tmp/bob' } },
          },
        ),
      status: 401,
      kind: 'bad-signature',
      says: /signature is not/,
    },
    {
      name: 'a signature made for another devnet',
      path: PATHS.commit,
      body: () =>
        signedBody(
          'commit',
          { commitment: { kind: 'fs', path: '/x' } },
          { chainId: 'f'.repeat(32) },
        ),
      status: 401,
      kind: 'bad-signature',
      says: /signature is not/,
    },
    {
      name: 'a signature made for another method',
      path: PATHS.register,
      body: async () => ({
        ...(await signedBody('commit', { asValidator: true })),
      }),
      status: 401,
      kind: 'bad-signature',
      says: /register request/,
    },
    {
      name: 'a nonce far from the coordinator clock',
      path: PATHS.commit,
      body: () =>
        signedBody(
          'commit',
          { commitment: { kind: 'fs', path: '/x' } },
          { nonce: Date.now() - 11 * 60_000 },
        ),
      status: 401,
      kind: 'stale-nonce',
      says: /minutes from the coordinator's clock/,
    },
    {
      name: 'weights from a miner',
      path: PATHS['set-weights'],
      body: async () =>
        signedBody('set-weights', {
          uids: [await uidOf(alice.ss58Address)],
          weights: [1],
          versionKey: 1,
        }),
      status: 403,
      kind: 'not-validator',
      says: /no validator permit/,
    },
    {
      name: 'a commit from an unregistered hotkey',
      path: PATHS.commit,
      body: () => signedBody('commit', { commitment: { kind: 'fs', path: '/x' } }, { by: eve }),
      status: 404,
      kind: 'not-registered',
      says: /is not registered/,
    },
    {
      name: 'weights on an unregistered uid',
      path: PATHS['set-weights'],
      body: () =>
        signedBody('set-weights', { uids: [15], weights: [1], versionKey: 1 }, { by: alice }),
      status: 400,
      kind: 'invalid-weights',
      says: /Uid 15 is not registered/,
    },
    {
      name: "weights on the validator's own uid",
      path: PATHS['set-weights'],
      body: async () =>
        signedBody(
          'set-weights',
          { uids: [await uidOf(alice.ss58Address)], weights: [1], versionKey: 1 },
          {
            by: alice,
          },
        ),
      status: 400,
      kind: 'invalid-weights',
      says: /its own uid/,
    },
    {
      name: 'weights that are all zero',
      path: PATHS['set-weights'],
      body: async () =>
        signedBody(
          'set-weights',
          { uids: [await uidOf(bob.ss58Address)], weights: [0], versionKey: 1 },
          {
            by: alice,
          },
        ),
      status: 400,
      kind: 'invalid-request',
      says: /at least one weight is positive/,
    },
    {
      name: 'weights and uids of different lengths',
      path: PATHS['set-weights'],
      body: () =>
        signedBody('set-weights', { uids: [0, 1], weights: [1], versionKey: 1 }, { by: alice }),
      status: 400,
      kind: 'invalid-request',
      says: /same length/,
    },
    {
      name: 'a negative weight',
      path: PATHS['set-weights'],
      body: () =>
        signedBody('set-weights', { uids: [1], weights: [-1], versionKey: 1 }, { by: alice }),
      status: 400,
      kind: 'invalid-request',
      says: /request\.params\.weights\.0/,
    },
    {
      name: 'duplicate uids',
      path: PATHS['set-weights'],
      body: () =>
        signedBody('set-weights', { uids: [1, 1], weights: [1, 1], versionKey: 1 }, { by: alice }),
      status: 400,
      kind: 'invalid-request',
      says: /distinct/,
    },
  ];

  it.each(cases)('refuses $name', async ({ path, body, status, kind, says }) => {
    const before = await state();
    const answer = await post(path, await body());
    expect(answer.status).toBe(status);
    expect(answer.body.error.kind).toBe(kind);
    expect(answer.body.error.message).toMatch(says);
    expect(answer.body.error.message).toMatch(/\.$/);
    expect(await state()).toEqual(before);
  });

  it('accepts a request once and refuses the same request replayed', async () => {
    const body = await signedBody('commit', {
      commitment: { kind: 'fs', path: '/tmp/bob-replayed' },
    });
    const first = await post(PATHS.commit, body);
    expect(first.status).toBe(200);
    const after = await state();

    const replay = await post(PATHS.commit, body);
    expect(replay.status).toBe(409);
    expect(replay.body.error.kind).toBe('replayed');
    expect(await state()).toEqual(after);

    // An older nonce is refused too, even with a fresh signature.
    const older = await post(
      PATHS.commit,
      await signedBody(
        'commit',
        { commitment: { kind: 'fs', path: '/x' } },
        { nonce: (body.nonce as number) - 1 },
      ),
    );
    expect(older.body.error.kind).toBe('replayed');
    expect(await state()).toEqual(after);
  });

  it('answers unknown routes with 404, wrong methods with 405 and bad path values with 400', async () => {
    const answers = await Promise.all([
      fetch(`${coordinator.url}/v1/nothing`),
      fetch(`${coordinator.url}/v1/register`),
      fetch(`${coordinator.url}/v1/metagraph`, { method: 'POST', body: '{}' }),
      fetch(`${coordinator.url}/v1/balances/not-an-address`),
      fetch(`${coordinator.url}/v1/emissions/${bob.ss58Address}?since=-3`),
      fetch(`${coordinator.url}/v1/balances/%E0%A4%A`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 405, 405, 400, 400, 400]);
    const kinds = await Promise.all(
      answers.map(async (a) => ((await a.json()) as Refusal).error.kind),
    );
    expect(kinds).toEqual([
      'not-found',
      'method-not-allowed',
      'method-not-allowed',
      'invalid-request',
      'invalid-request',
      'invalid-request',
    ]);
    expect(answers[1]!.headers.get('allow')).toBe('POST');
  });

  it('pushes the current block to a new WebSocket client at once, and refuses other paths', async () => {
    const ws = new WebSocket(`${coordinator.url.replace('http', 'ws')}/v1/ws`);
    const first = await new Promise<unknown>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(data.toString())));
      ws.once('error', reject);
    });
    ws.terminate();
    expect(first).toMatchObject({
      type: 'block',
      block: expect.any(Number),
      window: expect.any(Number),
    });

    const wrong = new WebSocket(`${coordinator.url.replace('http', 'ws')}/v1/elsewhere`);
    const failure = await new Promise<Error>((resolve) => wrong.once('error', resolve));
    expect(failure.message).toMatch(/404/);
  });
});
