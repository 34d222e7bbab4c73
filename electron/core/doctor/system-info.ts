import { statfs } from 'node:fs/promises';
import { arch, availableParallelism, cpus, freemem, platform, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { osInfo } from 'systeminformation';
import type { DoctorReport } from './report';

type SystemInfo = Pick<DoctorReport, 'os' | 'cpu' | 'ram' | 'disk'>;

/** OS, CPU, memory and the free space where Tessera keeps its data. */
export async function readSystemInfo(dataDir: string): Promise<SystemInfo> {
  return {
    os: { name: await osName(), platform: platform(), arch: arch(), release: release() },
    cpu: { model: cpus()[0]?.model.trim() || 'unknown CPU', cores: availableParallelism() },
    ram: { totalBytes: totalmem(), availableBytes: freemem() },
    disk: await freeSpace(dataDir),
  };
}

/** "Debian GNU/Linux 12 (bookworm)", "Windows 11 Pro", "macOS 15.1": what users call their OS. */
async function osName(): Promise<string> {
  try {
    const info = await osInfo();
    return [info.distro, info.release, info.codename ? `(${info.codename})` : '']
      .filter(Boolean)
      .join(' ');
  } catch {
    return platform();
  }
}

/** The data directory may not exist yet; its nearest existing parent is on the same disk. */
async function freeSpace(path: string): Promise<SystemInfo['disk']> {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      const stats = await statfs(dir);
      return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
    } catch (error) {
      if (dirname(dir) === dir) {
        return { reason: `cannot read free space: ${(error as Error).message}` };
      }
    }
  }
}
