/** Calls `onIdle` once `timeoutMs` pass without a `touch()`; it never keeps the process alive. */
export class InactivityTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
  ) {
    this.touch();
  }

  touch(): void {
    this.stop();
    this.timer = setTimeout(this.onIdle, this.timeoutMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
