/** A source of figures for /metrics: Redis (queues) or a module's aggregate query. */
export type SourceName = 'queues' | 'outbox' | 'intake' | 'sync' | 'complaints';

/** The outcome of one read of a source; a failure is a value here, never a rejection. */
export type SourceRead<T> =
  | { ok: true; value: T; seconds: number; at: number }
  | { ok: false; error: Error; seconds: number; at: number };

export class SourceTimeoutError extends Error {
  constructor(source: SourceName, ms: number) {
    super(`${source} did not answer within ${ms} ms`);
    this.name = 'SourceTimeoutError';
  }
}

/**
 * Reads a source at most once per `ttlMs`, however many scrapes arrive (Prometheus replicas,
 * people with curl): concurrent scrapes share one read in flight, later ones reuse its outcome —
 * a failure too, so a struggling Postgres is not asked again at every scrape. A read that hangs
 * gives up after `timeoutMs` (the query itself may still finish in the background).
 */
export class CachedSource<T> {
  private current?: Promise<SourceRead<T>>;
  private settledAt = -Infinity;
  private pending = false;

  constructor(
    readonly name: SourceName,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
    private readonly load: () => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  read(): Promise<SourceRead<T>> {
    if (!this.current || (!this.pending && this.now() - this.settledAt >= this.ttlMs)) {
      this.pending = true;
      this.current = this.attempt().finally(() => {
        this.pending = false;
        this.settledAt = this.now();
      });
    }
    return this.current;
  }

  private async attempt(): Promise<SourceRead<T>> {
    const started = this.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        this.load(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new SourceTimeoutError(this.name, this.timeoutMs)), this.timeoutMs);
        }),
      ]);
      return { ok: true, value, seconds: (this.now() - started) / 1000, at: started };
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      return { ok: false, error, seconds: (this.now() - started) / 1000, at: started };
    } finally {
      clearTimeout(timer);
    }
  }
}
