import { canContribute, runDoctor } from '../../core/doctor/doctor';
import type { DoctorReport } from '../../core/doctor/report';
import { DEFAULT_PROBE_TIMEOUT_MS } from '../../engine/runtime/provider-probe';
import type { Command } from '../command';
import { formatTable } from '../table';
import { CliUsageError, parseFlags } from '../usage-error';

export const doctor: Command = {
  name: 'doctor',
  summary: 'Check what this machine can contribute: hardware, GPUs and each compute backend',
  usage: [
    'Usage: tessera doctor [--json] [--timeout <seconds>]',
    '',
    'Reports the OS, CPU, memory, free disk, GPUs, and for each onnxruntime execution provider',
    'whether it computes correctly and how fast (fp32 matrix product, GFLOP/s).',
    'Exits 0 when at least one provider works, 1 when none does.',
    '',
    '  --json               print one JSON object instead of a table',
    `  --timeout <seconds>  time limit for each provider's check (default ${DEFAULT_PROBE_TIMEOUT_MS / 1000})`,
  ].join('\n'),

  async run(argv) {
    const flags = parseFlags(argv, {
      json: { type: 'boolean', default: false },
      timeout: { type: 'string' },
    });
    const report = await runDoctor({ probeTimeoutMs: timeoutMs(flags.timeout) });
    process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : renderReport(report));
    return canContribute(report) ? 0 : 1;
  },
};

function timeoutMs(seconds: string | undefined): number {
  if (seconds === undefined) return DEFAULT_PROBE_TIMEOUT_MS;
  const value = Number(seconds);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new CliUsageError(
      'invalid-value',
      `--timeout needs a positive number of seconds, got '${seconds}'`,
    );
  }
  return value * 1000;
}

function renderReport(report: DoctorReport): string {
  const { os, cpu, ram, disk } = report;
  const system = formatTable([
    ['OS', `${os.name}, ${os.platform} ${os.arch}, kernel ${os.release}`],
    ['CPU', `${cpu.model}, ${cpu.cores} cores`],
    ['RAM', `${gib(ram.totalBytes)} total, ${gib(ram.availableBytes)} available`],
    [
      'Data',
      `${report.dataDir} (${'reason' in disk ? disk.reason : `${gib(disk.freeBytes)} free`})`,
    ],
    ...(report.gpus.length === 0
      ? [['GPU', 'none found']]
      : report.gpus.map((gpu) => ['GPU', describeGpu(gpu)])),
  ]);
  const providers = formatTable([
    ['provider', 'works', 'GFLOP/s', 'device or reason'],
    ...report.providers.map((p) => [
      p.name,
      p.available ? 'yes' : 'no',
      p.gflops === undefined ? '-' : p.gflops.toFixed(1),
      (p.available ? p.device : p.reason) ?? '',
    ]),
  ]);
  const verdict = canContribute(report)
    ? 'This machine can contribute.'
    : 'No compute backend works on this machine; see the reasons above.';
  return `System\n${system}\n\nCompute backends\n${providers}\n\n${verdict}\n`;
}

function describeGpu(gpu: DoctorReport['gpus'][number]): string {
  const details = [
    gpu.memoryMiB === undefined ? undefined : `${gib(gpu.memoryMiB * 2 ** 20)}`,
    gpu.driver === undefined ? undefined : `driver ${gpu.driver}`,
  ].filter((detail) => detail !== undefined);
  return details.length === 0 ? gpu.name : `${gpu.name} (${details.join(', ')})`;
}

const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
