import { fileURLToPath } from 'node:url';
import { listSupportedBackends } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  EXECUTION_PROVIDERS,
  executionProvidersFor,
} from '../../../electron/engine/runtime/execution-providers';
import { probeProvider } from '../../../electron/engine/runtime/provider-probe';

const child = (name: string) =>
  fileURLToPath(new URL(`./probe-children/${name}.ts`, import.meta.url));

describe('probeProvider', () => {
  it('gives up on a child that does not answer in time, and says so', async () => {
    const started = Date.now();
    const report = await probeProvider('webgpu', { timeoutMs: 1500, childModule: child('hangs') });

    expect(report).toEqual({ name: 'webgpu', available: false, reason: 'timed out after 1.5 s' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports a child killed mid-probe as unavailable, with its last words', async () => {
    const report = await probeProvider('webgpu', {
      timeoutMs: 30_000,
      childModule: child('crashes'),
    });

    expect(report).toEqual({
      name: 'webgpu',
      available: false,
      reason: 'the probe process was killed by SIGKILL: device lost',
    });
  });

  it('checks the CPU provider for real: correct result, positive throughput', async () => {
    const report = await probeProvider('cpu', { timeoutMs: 60_000 });

    expect(report).toMatchObject({ name: 'cpu', available: true });
    expect(report.gflops).toBeGreaterThan(0);
  });
});

describe('executionProvidersFor', () => {
  it("matches what this platform's onnxruntime-node binary is built with", () => {
    const built = listSupportedBackends().map((backend) => backend.name);
    const ours = EXECUTION_PROVIDERS.filter((name) => built.includes(name));

    expect(executionProvidersFor()).toEqual(ours);
  });
});
