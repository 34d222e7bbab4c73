/**
 * What the host tells the courtesy policy about the machine. Electron's main process feeds these
 * from powerMonitor and the process list; headless, the CLI feeds what Node can learn. A signal
 * left undefined is unknown, and no rule pauses on an unknown.
 */
export interface HostSignals {
  /** Milliseconds since the Unix epoch. */
  now: number;
  /** Seconds since the last keyboard or mouse input. */
  idleSeconds?: number;
  onBattery?: boolean;
  /** Executable names of the running processes, as the OS lists them. */
  runningPrograms?: readonly string[];
  /** Hottest GPU temperature, Celsius. */
  gpuTemperatureC?: number;
  /** Board power of the GPU in use, watts. */
  gpuPowerW?: number;
}
