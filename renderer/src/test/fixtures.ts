/**
 * Contract results as a typical app would answer them, for component tests. Each is built
 * through the contract's own schema (settings defaults included), so they stay valid as it changes.
 */
import type { MethodResult } from '../../../electron/contract';
import type { NetworkHealth } from '../../../electron/contract/network';
import { settingsSchema } from '../../../electron/contract/settings';
import type { WalletSummary } from '../../../electron/contract/wallet';

export const COLDKEY = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
export const HOTKEY = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

export const walletSummary = (overrides: Partial<WalletSummary> = {}): WalletSummary => ({
  name: 'alice',
  path: '/home/alice/.bittensor/wallets/alice',
  coldkeyAddress: COLDKEY,
  coldkeyAccountId: `0x${'d4'.repeat(32)}`,
  coldkeyFormat: 'nacl',
  hotkeys: [
    {
      name: 'default',
      ss58Address: HOTKEY,
      accountId: `0x${'8e'.repeat(32)}`,
      encrypted: false,
    },
  ],
  unlocked: false,
  unlockRemembered: false,
  problems: [],
  ...overrides,
});

export const appInfo = (onboarded = true): MethodResult<'app.info'> => ({
  version: '0.1.0',
  host: 'electron',
  platform: 'linux',
  arch: 'x64',
  dataDirectory: '/home/alice/.config/Tessera',
  onboarded,
});

export const settingsResult = (
  patch: Partial<MethodResult<'settings.get'>['settings']> = {},
): MethodResult<'settings.get'> => ({
  settings: settingsSchema.parse(patch),
  dataDirectory: '/home/alice/.config/Tessera',
});

export const doctorReport = (): MethodResult<'doctor.report'> => ({
  os: { name: 'Ubuntu 24.04', platform: 'linux', arch: 'x64', release: '6.8.0' },
  cpu: { model: 'AMD Ryzen 7 5800X', cores: 16 },
  ram: { totalBytes: 32 * 2 ** 30, availableBytes: 20 * 2 ** 30 },
  dataDir: '/home/alice/.config/Tessera',
  disk: { freeBytes: 200 * 2 ** 30, totalBytes: 500 * 2 ** 30 },
  gpus: [
    { name: 'NVIDIA GeForce RTX 3080', vendor: 'NVIDIA', memoryMiB: 10_240, source: 'nvidia-smi' },
  ],
  providers: [
    {
      name: 'cuda',
      available: false,
      reason: 'The CUDA provider files are not installed.',
    },
    { name: 'dml', available: false, reason: 'DirectML runs on Windows only.' },
    { name: 'webgpu', available: true, device: 'NVIDIA GeForce RTX 3080 (Vulkan)', gflops: 5_400 },
    { name: 'cpu', available: true, device: 'AMD Ryzen 7 5800X', gflops: 180 },
  ],
});

export const earningsSummary = (): MethodResult<'earnings.summary'> => ({
  hotkeyAddress: HOTKEY,
  unit: 'tao',
  alphaPriceTao: null,
  inTao: null,
  total: '12500000000',
  today: '250000000',
  pending: '500000000',
  received: '12000000000',
  incentive: 0.02,
  rank: 3,
  miners: 40,
  perWindow: [],
  perDay: [],
  estimatedPerDay: null,
});

export const telemetrySnapshot = (): MethodResult<'telemetry.latest'> => ({
  at: 1_700_000_000_000,
  unavailableReason: null,
  gpus: [
    {
      index: 0,
      name: 'NVIDIA GeForce RTX 3080',
      vendor: 'NVIDIA',
      source: 'nvidia-smi',
      utilizationPct: 97,
      temperatureC: 71,
      powerW: 290,
      powerLimitW: 320,
      memoryUsedMiB: 8_000,
      memoryTotalMiB: 10_240,
      clockMHz: 1_900,
      memoryClockMHz: 9_500,
      fanPct: 60,
    },
  ],
});

export const nodeStatus = (
  patch: Partial<MethodResult<'node.status'>> = {},
): MethodResult<'node.status'> => ({
  state: 'stopped',
  pauseReasons: [],
  error: null,
  restart: null,
  network: { kind: 'devnet', name: 'Embedded devnet' },
  hotkeyAddress: HOTKEY,
  uid: null,
  provider: null,
  model: null,
  runId: null,
  window: null,
  phase: 'idle',
  windowClock: null,
  step: 0,
  innerSteps: 0,
  loss: null,
  heldOutLoss: null,
  tokensPerSec: null,
  windowsTrained: 0,
  bytesUp: 0,
  bytesDown: 0,
  earnedToday: '0',
  earnedTotal: '0',
  earningsUnit: 'tao',
  incentive: null,
  startedAutomatically: false,
  startingAt: null,
  ...patch,
});

export const networkHealth = (patch: Partial<NetworkHealth> = {}): NetworkHealth => ({
  kind: 'devnet',
  name: 'Embedded devnet',
  connected: true,
  problem: null,
  block: 1_030,
  blockAt: 1_700_000_000_000,
  blockMs: 1_000,
  window: 10,
  blocksPerWindow: 100,
  miners: 12,
  validators: 2,
  lastWeightsBlock: 1_025,
  storageLatencyMs: 42,
  gatherSuccessRate: 0.875,
  latestCheckpoint: { window: 9 },
  lossTrend: [
    { window: 8, loss: 5.5 },
    { window: 9, loss: 5.25 },
  ],
  ...patch,
});
