import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlRunner } from '../../core/database/sql-runner';
import { DRIFT_KINDS, type DriftKind } from './sync-drift.entity';

/** One drift a run saw. `detail`: ids and status names only, never reporter data or complaint text. */
export interface DriftObservation {
  kind: DriftKind;
  laporId: string;
  complaintId: string | null;
  missionCode: string | null;
  /** What within the complaint (the sync item id for followup_not_upstream); '' otherwise. */
  subject: string;
  detail: Record<string, unknown>;
}

/** What a run checked, so only drift it could have seen again is resolved when it did not. */
export interface RunScope {
  /** Complaints whose status was compared. */
  statusCompared: string[];
  /** Complaints whose confirmed follow-ups were compared. */
  followUpsCompared: string[];
  /** The whole inbox window was read: missing_locally rows not seen again are resolved. */
  inboxComplete: boolean;
  /** LAPOR! ids of open missing_locally rows that the bridge now has. */
  nowLocal: string[];
}

export interface DriftCounts {
  open: number;
  byKind: Record<DriftKind, number>;
  /** Mission code → open drift; `(none)` for drift with no office (a complaint the bridge lacks). */
  byMission: Record<string, number>;
}

/** Drift of no office in byMission (mission codes are lowercase slugs, so it cannot clash). */
export const NO_MISSION = '(none)';

/** Owns sync_drift: one open row per (LAPOR! id, kind, subject), updated by each run that sees it. */
@Injectable()
export class SyncDriftService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a drift seen by run `runId` in the caller's transaction, with the job re-enqueued to
   * repair it (null: none); true when it is new (no open row before).
   */
  async record(m: SqlRunner, runId: string, d: DriftObservation, repair: string | null): Promise<boolean> {
    const [row]: { opened: boolean }[] = await m.query(
      `INSERT INTO sync_drift (lapor_id, complaint_id, mission_code, kind, subject, detail, found_at,
                               last_seen_at, last_run_id, repair, repaired_at, repairs)
       VALUES ($1, $2, $3, $4, $5, $6, now(), now(), $7, $8,
               CASE WHEN $8::text IS NOT NULL THEN now() END, CASE WHEN $8::text IS NOT NULL THEN 1 ELSE 0 END)
       ON CONFLICT (lapor_id, kind, subject) WHERE resolved_at IS NULL DO UPDATE SET
         complaint_id = COALESCE(EXCLUDED.complaint_id, sync_drift.complaint_id),
         mission_code = EXCLUDED.mission_code,
         detail = EXCLUDED.detail,
         last_seen_at = EXCLUDED.last_seen_at,
         last_run_id = EXCLUDED.last_run_id,
         repair = COALESCE(EXCLUDED.repair, sync_drift.repair),
         repaired_at = COALESCE(EXCLUDED.repaired_at, sync_drift.repaired_at),
         repairs = sync_drift.repairs + EXCLUDED.repairs
       RETURNING (xmax = 0) AS opened`,
      [d.laporId, d.complaintId, d.missionCode, d.kind, d.subject, JSON.stringify(d.detail), runId, repair],
    );
    return row.opened;
  }

  /** LAPOR! ids of the open missing_locally rows. */
  async openMissing(): Promise<string[]> {
    const rows: { lapor_id: string }[] = await this.dataSource.query(
      `SELECT lapor_id FROM sync_drift WHERE kind = 'missing_locally' AND resolved_at IS NULL`,
    );
    return rows.map((r) => r.lapor_id);
  }

  /** Resolves the open drift within the run's scope that the run did not see again; how many. */
  async resolveUnseen(runId: string, scope: RunScope): Promise<number> {
    const [r]: { n: number }[] = await this.dataSource.query(
      `WITH resolved AS (
         UPDATE sync_drift SET resolved_at = now()
         WHERE resolved_at IS NULL AND last_run_id <> $1 AND (
           (kind = 'status_mismatch' AND complaint_id = ANY($2::uuid[]))
           OR (kind = 'followup_not_upstream' AND complaint_id = ANY($3::uuid[]))
           OR (kind = 'missing_locally' AND ($4::boolean OR lapor_id = ANY($5::text[]))))
         RETURNING 1)
       SELECT count(*)::int AS n FROM resolved`,
      [runId, scope.statusCompared, scope.followUpsCompared, scope.inboxComplete, scope.nowLocal],
    );
    return r.n;
  }

  async counts(): Promise<DriftCounts> {
    const rows: { kind: DriftKind; mission_code: string | null; n: number }[] = await this.dataSource.query(
      `SELECT kind, mission_code, count(*)::int AS n FROM sync_drift WHERE resolved_at IS NULL
       GROUP BY kind, mission_code`,
    );
    const byKind = Object.fromEntries(DRIFT_KINDS.map((k) => [k, 0])) as Record<DriftKind, number>;
    const byMission: Record<string, number> = {};
    let open = 0;
    for (const r of rows) {
      open += r.n;
      byKind[r.kind] += r.n;
      const mission = r.mission_code ?? NO_MISSION;
      byMission[mission] = (byMission[mission] ?? 0) + r.n;
    }
    return { open, byKind, byMission };
  }
}
