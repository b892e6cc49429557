import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlRunner } from '../../core/database/sql-runner';
import type { ReconcileRunSource } from './reconcile-run.entity';
import { RECONCILE_OPTIONS, type ReconcileOptions } from './reconcile.options';

/** What a run counted (reconcile_runs columns). */
export interface RunCounts {
  checked: number;
  errors: number;
  inboxSeen: number;
  found: number;
  repaired: number;
  resolved: number;
}

export interface RunEnd extends RunCounts {
  ok: boolean;
  /** What ended the run early (a LaporError code), else null. */
  error: string | null;
  resumeAfter: string | null;
}

export interface LastRun {
  id: string;
  source: ReconcileRunSource;
  startedAt: Date;
  finishedAt: Date | null;
  ok: boolean | null;
  error: string | null;
  checked: number;
  errors: number;
  found: number;
  repaired: number;
  resolved: number;
}

/**
 * Owns reconcile_runs: queuing, starting and finishing runs, and where the next one resumes. Runs
 * are stamped with the database's clock (one clock for every replica); the `now` a caller passes is
 * the instant a run judges by (windows, grace, due).
 */
@Injectable()
export class ReconcileRunsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RECONCILE_OPTIONS) private readonly opts: ReconcileOptions,
  ) {}

  /**
   * Queues a scheduled run in the caller's transaction (the scheduler holds its lease) unless one is
   * queued or running (and not stale), or the newest run was created less than `everyMs` ago: with N
   * replicas ticking, one run per interval. Returns the new run's id, or null.
   */
  async queueIfDue(m: SqlRunner, now: Date, everyMs: number): Promise<string | null> {
    const [newest]: { created_at: Date; finished_at: Date | null }[] = await m.query(
      `SELECT created_at, finished_at FROM reconcile_runs ORDER BY created_at DESC LIMIT 1`,
    );
    if (newest) {
      const age = now.getTime() - newest.created_at.getTime();
      if (!newest.finished_at && age < this.opts.staleRunMs) return null;
      // A little slack: replicas' timers drift, and a run due a second from now is due.
      if (age < everyMs * 0.9) return null;
    }
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO reconcile_runs (source) VALUES ('schedule') RETURNING id`,
    );
    return row.id;
  }

  /** Takes back a queued run whose job could not be added: it never started, and no job will start it. */
  async unqueue(runId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM reconcile_runs WHERE id = $1 AND started_at IS NULL AND finished_at IS NULL`,
      [runId],
    );
  }

  /**
   * Starts a queued run (null when it is finished or unknown: a re-delivered job), or a new manual
   * one. The caller holds the run lease.
   */
  async start(runId: string | null, source: ReconcileRunSource = 'manual'): Promise<string | null> {
    if (!runId) {
      const [row]: { id: string }[] = await this.dataSource.query(
        `INSERT INTO reconcile_runs (source, started_at) VALUES ($1, now()) RETURNING id`,
        [source],
      );
      return row.id;
    }
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH started AS (
         UPDATE reconcile_runs SET started_at = COALESCE(started_at, now())
         WHERE id = $1 AND finished_at IS NULL RETURNING id)
       SELECT id FROM started`,
      [runId],
    );
    return rows[0]?.id ?? null;
  }

  /** A queued run that could not start (another run holds the lease): recorded, never started. */
  async skip(runId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE reconcile_runs SET finished_at = now(), ok = false, error = $2
       WHERE id = $1 AND started_at IS NULL AND finished_at IS NULL`,
      [runId, error],
    );
  }

  async finish(runId: string, end: RunEnd): Promise<void> {
    await this.dataSource.query(
      `UPDATE reconcile_runs SET finished_at = now(), ok = $2, error = $3, checked = $4, errors = $5,
         inbox_seen = $6, found = $7, repaired = $8, resolved = $9, resume_after = $10
       WHERE id = $1`,
      [
        runId,
        end.ok,
        end.error,
        end.checked,
        end.errors,
        end.inboxSeen,
        end.found,
        end.repaired,
        end.resolved,
        end.resumeAfter,
      ],
    );
  }

  /** Where the walk over complaints resumes: after the last complaint the last finished run compared. */
  async resumeAfter(): Promise<string | null> {
    const [row]: { resume_after: string | null }[] = await this.dataSource.query(
      `SELECT resume_after FROM reconcile_runs WHERE started_at IS NOT NULL AND finished_at IS NOT NULL
       ORDER BY finished_at DESC LIMIT 1`,
    );
    return row?.resume_after ?? null;
  }

  /** The newest run that started (finishedAt and ok null while it runs). */
  async last(): Promise<LastRun | null> {
    const [r]: {
      id: string;
      source: ReconcileRunSource;
      started_at: Date;
      finished_at: Date | null;
      ok: boolean | null;
      error: string | null;
      checked: number;
      errors: number;
      found: number;
      repaired: number;
      resolved: number;
    }[] = await this.dataSource.query(
      `SELECT id, source, started_at, finished_at, ok, error, checked, errors, found, repaired, resolved
       FROM reconcile_runs WHERE started_at IS NOT NULL ORDER BY started_at DESC LIMIT 1`,
    );
    if (!r) return null;
    return {
      id: r.id,
      source: r.source,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      ok: r.ok,
      error: r.error,
      checked: r.checked,
      errors: r.errors,
      found: r.found,
      repaired: r.repaired,
      resolved: r.resolved,
    };
  }
}
