import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type TelemetrySnapshot,
  telemetrySnapshotSchema,
} from '../../../electron/contract/telemetry';
import { GpuTelemetry } from '../../../electron/core/telemetry/gpu-telemetry';
import { StandInNvidiaSmi } from './stand-in-nvidia-smi';

/** The first snapshot published from now on that satisfies `wanted`. */
function published(
  telemetry: GpuTelemetry,
  wanted: (snapshot: TelemetrySnapshot) => boolean,
): Promise<TelemetrySnapshot> {
  return new Promise((resolve) => {
    const unsubscribe = telemetry.subscribe((snapshot) => {
      if (!wanted(snapshot)) return;
      unsubscribe();
      resolve(snapshot);
    });
  });
}

const withReadings = (snapshot: TelemetrySnapshot) => snapshot.gpus.length > 0;
const unavailable = (snapshot: TelemetrySnapshot) => snapshot.unavailableReason !== null;

describe.skipIf(process.platform === 'win32')('GpuTelemetry with a stand-in nvidia-smi', () => {
  let standIn: StandInNvidiaSmi;
  let telemetry: GpuTelemetry | undefined;
  afterEach(() => {
    telemetry?.stop();
    standIn.remove();
  });

  const poller = (queryTimeoutMs = 10_000) => {
    telemetry = new GpuTelemetry({ env: standIn.env, queryTimeoutMs });
    return telemetry;
  };

  it.each([
    { fixture: 'h100-sxm-two-gpus.csv', names: ['NVIDIA H100 80GB HBM3', 'NVIDIA H100 80GB HBM3'] },
    { fixture: 'rtx3060-laptop.csv', names: ['NVIDIA GeForce RTX 3060 Laptop GPU'] },
  ])('publishes live readings from $fixture', async (row) => {
    standIn = new StandInNvidiaSmi().prints(row.fixture);
    const gpuTelemetry = poller();
    const first = published(gpuTelemetry, () => true);
    gpuTelemetry.start(50);
    const snapshot = await first;

    expect(telemetrySnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.unavailableReason).toBeNull();
    expect(snapshot.gpus.map((gpu) => gpu.name)).toEqual(row.names);
    expect(snapshot.gpus.every((gpu) => gpu.source === 'nvidia-smi')).toBe(true);
    expect(gpuTelemetry.latest()).toBe(snapshot);
  });

  it('keeps [N/A] readings as null', async () => {
    standIn = new StandInNvidiaSmi().prints('rtx3060-laptop.csv');
    const [gpu] = (await poller().poll()).gpus;
    expect(gpu).toMatchObject({ powerW: null, powerLimitW: null, fanPct: null, temperatureC: 58 });
  });

  it('reports a hanging nvidia-smi as unavailable and keeps polling until it answers', async () => {
    standIn = new StandInNvidiaSmi().hangs();
    const gpuTelemetry = poller(300);
    const timedOut = published(gpuTelemetry, unavailable);
    gpuTelemetry.start(50);
    expect(await timedOut).toMatchObject({
      gpus: [],
      unavailableReason: 'nvidia-smi did not answer within 0.3 s',
    });

    const recovered = published(gpuTelemetry, withReadings);
    standIn.prints('rtx4090.csv');
    expect((await recovered).gpus[0]?.name).toBe('NVIDIA GeForce RTX 4090');
  });

  it('reports an nvidia-smi that exits with an error in its own words, and keeps polling', async () => {
    standIn = new StandInNvidiaSmi().fails();
    const gpuTelemetry = poller();
    const failed = published(gpuTelemetry, unavailable);
    gpuTelemetry.start(50);
    expect((await failed).unavailableReason).toMatch(
      /^nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver/,
    );

    const recovered = published(gpuTelemetry, withReadings);
    standIn.prints('rtx4090.csv');
    expect((await recovered).gpus).toHaveLength(1);
  });

  it('never runs two polls at once: a second poll joins the one under way', async () => {
    standIn = new StandInNvidiaSmi().prints('rtx4090.csv', 0.2);
    const gpuTelemetry = poller();
    const first = gpuTelemetry.poll();
    const second = gpuTelemetry.poll();
    expect(second).toBe(first);
    await first;
    expect(standIn.runs()).toEqual(['start', 'end']);
  });

  it('polls one after another on its schedule, and stops when told', async () => {
    standIn = new StandInNvidiaSmi().prints('rtx4090.csv', 0.1);
    const gpuTelemetry = poller();
    let readings = 0;
    const third = new Promise<void>((resolve) => {
      gpuTelemetry.subscribe(() => {
        readings += 1;
        if (readings === 3) resolve();
      });
    });
    gpuTelemetry.start(0);
    await third;
    gpuTelemetry.stop();
    await gpuTelemetry.poll();

    const runs = standIn.runs();
    expect(runs.length).toBeGreaterThanOrEqual(6);
    // Strictly alternating: each run ended before the next began.
    expect(runs).toEqual(runs.map((_, i) => (i % 2 === 0 ? 'start' : 'end')));
    const afterStop = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(standIn.runs()).toHaveLength(afterStop);
  });

  it('stops telling a listener once it unsubscribes', async () => {
    standIn = new StandInNvidiaSmi().prints('rtx4090.csv');
    const gpuTelemetry = poller();
    const heard: TelemetrySnapshot[] = [];
    const unsubscribe = gpuTelemetry.subscribe((snapshot) => heard.push(snapshot));
    await gpuTelemetry.poll();
    unsubscribe();
    await gpuTelemetry.poll();
    expect(heard).toHaveLength(1);
  });

  it('keeps telling other listeners when one throws', async () => {
    standIn = new StandInNvidiaSmi().prints('rtx4090.csv');
    const gpuTelemetry = poller();
    gpuTelemetry.subscribe(() => {
      throw new Error('a faulty listener');
    });
    const heard = published(gpuTelemetry, withReadings);
    await gpuTelemetry.poll();
    expect((await heard).gpus).toHaveLength(1);
  });
});

describe('GpuTelemetry without nvidia-smi', () => {
  let emptyPath: string | undefined;
  afterEach(() => {
    if (emptyPath !== undefined) rmSync(emptyPath, { recursive: true, force: true });
  });

  it("falls back to this machine's systeminformation answer once and keeps it", async () => {
    // An empty PATH folder, so the test holds on a machine that does have an NVIDIA driver.
    emptyPath = mkdtempSync(join(tmpdir(), 'tessera-no-nvidia-smi-'));
    const telemetry = new GpuTelemetry({ env: { PATH: emptyPath }, platform: 'linux' });
    const before = telemetry.latest();
    expect(before).toMatchObject({ gpus: [], unavailableReason: 'No GPU reading yet' });

    const snapshot = await telemetry.poll();
    expect(telemetrySnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.gpus.every((gpu) => gpu.source === 'systeminformation')).toBe(true);
    // Whatever this machine has, either there are readings or it says why there are none.
    const live = snapshot.gpus.some(
      (gpu) => gpu.utilizationPct !== null || gpu.temperatureC !== null,
    );
    expect(live || snapshot.unavailableReason !== null).toBe(true);

    expect(await telemetry.poll()).toBe(snapshot);
    expect(telemetry.latest()).toBe(snapshot);
  }, 60_000);
});
