/**
 * Calls `tick` every `intervalMs`, on a schedule that does not drift with the time each tick
 * takes. After a stall longer than one interval (a suspended laptop, a debugger) it makes one
 * block and restarts the schedule rather than making a burst of catch-up blocks.
 */
export class BlockClock {
  private timer: NodeJS.Timeout | undefined;
  private nextAt = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.nextAt = Date.now() + this.intervalMs;
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(
      () => {
        this.tick();
        if (!this.timer) return; // stopped from inside tick
        const now = Date.now();
        this.nextAt += this.intervalMs;
        if (this.nextAt < now) this.nextAt = now + this.intervalMs;
        this.schedule();
      },
      Math.max(0, this.nextAt - Date.now()),
    );
  }
}
