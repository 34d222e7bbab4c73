import { describe, expect, it } from 'vitest';
import { dataDirectory } from '../../electron/core/paths';

describe('dataDirectory', () => {
  it('is TESSERA_HOME when set, on every platform', () => {
    expect(dataDirectory({ TESSERA_HOME: '/srv/miner-2' }, 'linux', '/home/ada')).toBe(
      '/srv/miner-2',
    );
    expect(dataDirectory({ TESSERA_HOME: 'D:\\Tessera' }, 'win32', 'C:\\Users\\ada')).toBe(
      'D:\\Tessera',
    );
  });

  it("follows each platform's place for per-user app data", () => {
    expect(dataDirectory({}, 'linux', '/home/ada')).toBe('/home/ada/.config/tessera');
    expect(dataDirectory({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ada')).toBe('/cfg/tessera');
    expect(dataDirectory({}, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Tessera',
    );
    expect(
      dataDirectory({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada'),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Tessera');
  });
});
