/**
 * The sandbox's notion of "now": the injected clock (tests freeze it) plus an offset that the control
 * API can set (POST /_sandbox/time), so SLA clocks can be exercised without waiting for days.
 */
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs);
  }

  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }

  /** Shifts the offset so that now() reads `at`. */
  setNow(at: Date): void {
    this.offsetMs = at.getTime() - this.base().getTime();
  }

  get offset(): number {
    return this.offsetMs;
  }
}
