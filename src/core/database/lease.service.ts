import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ADVISORY_LOCKS, type LeaseName } from './advisory-locks';

/**
 * A lease is a Postgres session advisory lock: schedulers run on every worker but act only while
 * holding it, so N replicas never poll or sweep N times (SPEC.md "Architecture").
 */
@Injectable()
export class LeaseService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs fn if the lease is free, holding it for the duration; returns undefined (and does nothing)
   * when another replica holds it.
   */
  async runExclusive<T>(
    lease: LeaseName,
    fn: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        ADVISORY_LOCKS[lease],
      ])) as { locked: boolean }[];
      if (!locked) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS[lease]]);
      }
    } finally {
      await runner.release();
    }
  }
}
