import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { COMPLAINT_STATUSES, type ComplaintStatus } from './complaint.types';

/** Statuses in which the bridge owes nothing more: LAPOR! closed the complaint, or it went elsewhere. */
const FINISHED: readonly ComplaintStatus[] = ['closed', 'forwarded'];

/** Open = not finished; `resolved` stays open until LAPOR! closes it (a reply or a reopen revives it). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter(
  (s) => !FINISHED.includes(s),
);

export interface OpenComplaintCount {
  /** Null while the complaint is not routed yet. */
  missionCode: string | null;
  status: ComplaintStatus;
  open: number;
  /** Of those, the ones with an SLA clock breached in the current cycle (breached_at set). */
  breached: number;
}

/** Aggregate counts over complaints for the Prometheus metrics: codes and counts only, never content. */
@Injectable()
export class ComplaintMetricsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Open complaints per mission and status, and how many of them are breached. The status list is
   * a literal (constants, not input) so the planner can use complaints_status_idx, or a partial index
   * on open complaints should one be added (see src/modules/metrics/README.md "Cost").
   */
  async openByMissionAndStatus(): Promise<OpenComplaintCount[]> {
    const rows: { mission_code: string | null; status: ComplaintStatus; open: number; breached: number }[] =
      await this.dataSource.query(
        `SELECT mission_code, status, count(*)::int AS open,
                count(*) FILTER (WHERE breached_at IS NOT NULL)::int AS breached
         FROM complaints WHERE status = ANY('{${OPEN_STATUSES.join(',')}}'::text[])
         GROUP BY mission_code, status`,
      );
    return rows.map((r) => ({
      missionCode: r.mission_code,
      status: r.status,
      open: r.open,
      breached: r.breached,
    }));
  }
}
