/**
 * Holds Electron's power-save blocker exactly while the core wants the system awake (training,
 * keep-awake on, not on battery). 'prevent-app-suspension' keeps the machine from sleeping but
 * lets the screen turn off; 'prevent-display-sleep' would be for video.
 */

/** The parts of Electron's powerSaveBlocker this module uses. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): void;
}

export class KeepAwake {
  private blockerId: number | undefined;

  constructor(
    private readonly blocker: PowerSaveBlockerLike,
    private readonly wanted: () => boolean,
  ) {}

  /** Starts or stops the blocker to match what the core wants now. */
  sync(): void {
    if (this.wanted()) {
      this.blockerId ??= this.blocker.start('prevent-app-suspension');
    } else {
      this.release();
    }
  }

  release(): void {
    if (this.blockerId === undefined) return;
    this.blocker.stop(this.blockerId);
    this.blockerId = undefined;
  }
}
