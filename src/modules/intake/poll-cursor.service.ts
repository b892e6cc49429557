import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type CursorName = 'inbox' | 'rescan';

export interface CursorRow {
  name: CursorName;
  cursorAt: Date;
  runId: string | null;
  runStartedAt: Date | null;
  runSeq: number;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  itemsSeen: number;
}

interface RawRow {
  name: CursorName;
  cursor_at: Date;
  run_id: string | null;
  run_started_at: Date | null;
  run_seq: number;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  items_seen: string;
}

/**
 * The poll cursors (`poll_cursors`, owned by intake). A run is claimed with one conditional UPDATE,
 * so two replicas can never both start one, lease or not; every later step names its run_id and
 * does nothing once another run has replaced it.
 */
@Injectable()
export class PollCursorService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Starts a run unless one is in progress (run_id set and started less than staleMs ago). With
   * `dueBefore`, only when the last success is older than that (the nightly re-scan). Returns the
   * cursor the run reads from, or null when no run was started.
   */
  async claimRun(opts: {
    name: CursorName;
    runId: string;
    now: Date;
    initialCursorAt: Date;
    staleMs: number;
    dueBefore?: Date;
    /** A run known to be dead (its jobs are gone): replaced whatever its age. */
    deadRunId?: string;
  }): Promise<{ cursorAt: Date; replacedRunId: string | null } | null> {
    await this.dataSource.query(
      `INSERT INTO poll_cursors (name, cursor_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
      [opts.name, opts.initialCursorAt],
    );
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [{ cursor_at: Date; replaced: string | null }[], number] = await this.dataSource.query(
      `UPDATE poll_cursors p SET run_id = $2, run_started_at = $3, run_seq = 0, updated_at = now()
       FROM (SELECT name, run_id AS replaced FROM poll_cursors WHERE name = $1 FOR UPDATE) old
       WHERE p.name = old.name
         AND (p.run_id IS NULL OR p.run_id = $6
              OR p.run_started_at < $3::timestamptz - make_interval(secs => $4::double precision / 1000))
         AND ($5::timestamptz IS NULL OR p.last_success_at IS NULL OR p.last_success_at < $5::timestamptz)
       RETURNING p.cursor_at, old.replaced`,
      [opts.name, opts.runId, opts.now, opts.staleMs, opts.dueBefore ?? null, opts.deadRunId ?? null],
    );
    const updated = rows[0];
    return updated ? { cursorAt: updated.cursor_at, replacedRunId: updated.replaced } : null;
  }

  async isCurrent(name: CursorName, runId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM poll_cursors WHERE name = $1 AND run_id = $2`,
      [name, runId],
    );
    return rows.length > 0;
  }

  /** The run read every page: the cursor moves to the run's start. False when the run was replaced. */
  /** The run enqueued page `seq` (only while it is still the cursor's run). */
  async advanceRun(name: CursorName, runId: string, seq: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE poll_cursors SET run_seq = GREATEST(run_seq, $3) WHERE name = $1 AND run_id = $2`,
      [name, runId, seq],
    );
  }

  async finishRun(name: CursorName, runId: string, cursorAt: Date, seen: number): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE poll_cursors SET cursor_at = GREATEST(cursor_at, $3), last_success_at = now(), run_id = NULL,
         items_seen = items_seen + $4, updated_at = now()
       WHERE name = $1 AND run_id = $2`,
      [name, runId, cursorAt, seen],
    );
    return count > 0;
  }

  /** Records a failed attempt (the run goes on: the job is retried). */
  async recordError(name: CursorName, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE poll_cursors SET last_error = $2, last_error_at = now(), updated_at = now() WHERE name = $1`,
      [name, error.slice(0, 500)],
    );
  }

  /** Ends a run without moving the cursor: the next tick reads the same window again. */
  async failRun(name: CursorName, runId: string, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE poll_cursors SET run_id = NULL, updated_at = now(),
         last_error = COALESCE($3, last_error), last_error_at = CASE WHEN $3::text IS NULL THEN last_error_at ELSE now() END
       WHERE name = $1 AND run_id = $2`,
      [name, runId, error?.slice(0, 500) ?? null],
    );
  }

  async read(): Promise<Map<CursorName, CursorRow>> {
    const rows: RawRow[] = await this.dataSource.query(`SELECT * FROM poll_cursors`);
    return new Map(
      rows.map((r) => [
        r.name,
        {
          name: r.name,
          cursorAt: r.cursor_at,
          runId: r.run_id,
          runStartedAt: r.run_started_at,
          runSeq: r.run_seq,
          lastSuccessAt: r.last_success_at,
          lastError: r.last_error,
          lastErrorAt: r.last_error_at,
          itemsSeen: Number(r.items_seen),
        },
      ]),
    );
  }
}
