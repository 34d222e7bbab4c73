import { describe, expect, it } from 'vitest';
import { doctorReport } from '../test/fixtures';
import { chooseProvider } from './provider-choice';

describe('chooseProvider', () => {
  it('takes the fastest provider that works and lists the faster ones that do not', () => {
    const { chosen, unavailableFaster } = chooseProvider(doctorReport());
    expect(chosen?.name).toBe('webgpu');
    expect(unavailableFaster.map((p) => p.name)).toEqual(['cuda']);
  });

  it('mentions DirectML only on Windows', () => {
    const report = doctorReport();
    report.os.platform = 'win32';
    expect(chooseProvider(report).unavailableFaster.map((p) => p.name)).toEqual(['cuda', 'dml']);
  });

  it('honours a preference that works', () => {
    const { chosen, unavailableFaster } = chooseProvider(doctorReport(), 'cpu');
    expect(chosen?.name).toBe('cpu');
    expect(unavailableFaster.map((p) => p.name)).toEqual(['cuda']);
  });

  it('falls back from a preference that does not work', () => {
    expect(chooseProvider(doctorReport(), 'cuda').chosen?.name).toBe('webgpu');
  });

  it('chooses nothing when nothing works', () => {
    const report = doctorReport();
    report.providers = report.providers.map((p) => ({ ...p, available: false }));
    expect(chooseProvider(report)).toMatchObject({ chosen: null });
  });
});
