/**
 * The user's settings as one document: what the settings screen edits, what the courtesy policy
 * reads and what the core keeps in `settings.json`. Every field has a default, so an empty or
 * older file still loads; unknown keys are refused by name rather than silently dropped.
 */
import { z } from 'zod';

export const PROVIDER_NAMES = ['cuda', 'dml', 'webgpu', 'cpu'] as const;
export const providerNameSchema = z.enum(PROVIDER_NAMES);

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour clock)');

/** One weekly slot in which training may run; `end` before `start` runs past midnight. */
export const scheduleSlotSchema = z.strictObject({
  /** 0 = Sunday, as JavaScript's Date counts. */
  day: z.number().int().min(0).max(6),
  start: clock,
  end: clock,
});

export const networkSettingsSchema = z.discriminatedUnion('kind', [
  /** The embedded local network this app starts itself. */
  z.strictObject({ kind: z.literal('devnet') }),
  /** A devnet coordinator elsewhere (another Tessera started with `tessera devnet`). */
  z.strictObject({ kind: z.literal('remote-devnet'), url: z.url() }),
  z.strictObject({
    kind: z.literal('bittensor'),
    network: z.enum(['finney', 'test', 'local', 'custom']),
    /** Only for `custom`: a ws:// or wss:// subtensor endpoint. */
    endpoint: z
      .string()
      .regex(/^wss?:\/\/\S+$/, 'a ws:// or wss:// URL')
      .optional(),
    netuid: z.number().int().min(0).max(65_535),
  }),
]);

/** Where this miner's updates are uploaded; write credentials are set apart (`storage.setCredentials`). */
export const storageSettingsSchema = z.discriminatedUnion('kind', [
  /** A folder in the data directory, readable by peers only on the embedded devnet. */
  z.strictObject({ kind: z.literal('local') }),
  z.strictObject({
    kind: z.literal('s3'),
    endpoint: z.url(),
    bucket: z.string().min(3).max(63),
    region: z.string().min(1).max(64).default('auto'),
    /** Bucket in the path rather than the host name, as MinIO and most self-hosted servers need. */
    forcePathStyle: z.boolean().default(false),
  }),
]);

export const settingsSchema = z.strictObject({
  /** always: whenever the app runs; idle: after `idleMinutes` without input; schedule: in the slots. */
  runMode: z.enum(['always', 'idle', 'schedule']).default('always'),
  idleMinutes: z.number().int().min(1).max(240).default(5),
  schedule: z.array(scheduleSlotSchema).max(64).default([]),
  pauseOnBattery: z.boolean().default(true),
  /** Executable names (e.g. `eldenring.exe`) that pause training while they run. */
  pausePrograms: z.array(z.string().min(1).max(260)).max(200).default([]),
  /** Pause at this GPU temperature; resume below it minus the hysteresis. */
  temperatureLimitC: z.number().min(40).max(105).default(83),
  temperatureHysteresisC: z.number().min(1).max(30).default(8),
  /** Average board power to hold by pausing a share of the time; null trains flat out. */
  powerTargetW: z.number().min(10).max(2_000).nullable().default(null),
  keepAwake: z.boolean().default(true),
  /** Which GPU to train on, by its index in the telemetry list; null lets the app choose. */
  gpuIndex: z.number().int().min(0).max(63).nullable().default(null),
  provider: z.enum(['auto', ...PROVIDER_NAMES]).default('auto'),
  startAtLogin: z.boolean().default(false),
  closeToTray: z.boolean().default(true),
  /** Shown once, the first time the window is closed to the tray. */
  trayNoticeShown: z.boolean().default(false),
  network: networkSettingsSchema.default({ kind: 'devnet' }),
  storage: storageSettingsSchema.default({ kind: 'local' }),
  /** The wallet and hotkey the miner signs with; null until onboarding picks one. */
  identity: z
    .strictObject({ wallet: z.string().min(1).max(100), hotkeyName: z.string().min(1).max(100) })
    .nullable()
    .default(null),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  language: z.enum(['en']).default('en'),
});

type PatchShape<S extends z.core.$ZodShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer Inner> ? Inner : S[K]>;
};

/**
 * A change to some settings; fields left out keep their values. Not `settingsSchema.partial()`:
 * zod fills a missing field's default even inside an optional, so every patch would reset every
 * other setting to its default.
 */
export const settingsPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(settingsSchema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
    ]),
  ) as PatchShape<typeof settingsSchema.shape>,
);

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;
export type ScheduleSlot = z.infer<typeof scheduleSlotSchema>;

export const settingsMethods = {
  'settings.get': {
    args: z.object({}),
    result: z.object({ settings: settingsSchema, dataDirectory: z.string() }),
  },
  'settings.update': {
    args: z.object({ patch: settingsPatchSchema }),
    result: z.object({ settings: settingsSchema, dataDirectory: z.string() }),
  },
  /** Write credentials of the S3 bucket: stored encrypted in the core, never read back. */
  'storage.setCredentials': {
    args: z.object({
      accessKeyId: z.string().min(1).max(256),
      secretAccessKey: z.string().min(1).max(256),
      /** Read-only credentials published in the chain commitment for peers to download with. */
      readAccessKeyId: z.string().min(1).max(256),
      readSecretAccessKey: z.string().min(1).max(256),
    }),
    result: z.object({ stored: z.literal(true) }),
  },
} as const;

export const settingsEvents = {
  'settings.changed': z.object({ settings: settingsSchema }),
} as const;
