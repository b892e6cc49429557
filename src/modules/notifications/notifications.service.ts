import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobPayloads, JobName } from '../../core/queue/queue.contract';

export interface NotificationView {
  id: string;
  kind: string;
  missionCode: string;
  complaintId: string | null;
  priority: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** Owns the notifications table: the in-app list of each office. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores one notification; a re-delivered job (same dedupe key) adds nothing. Returns whether it was new. */
  async record(p: JobPayloads[typeof JobName.NotificationDeliver]): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO notifications (mission_code, complaint_id, kind, priority, payload, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        p.missionCode,
        p.complaintId,
        p.kind,
        p.priority,
        JSON.stringify({ correlationId: p.correlationId, ...(p.facts ? { facts: p.facts } : {}) }),
        p.dedupeKey,
      ],
    );
    return rows.length === 1;
  }

  /** Newest first; `before` is the id of the last item of the previous page. */
  async list(q: { missionCode?: string; unread?: boolean; before?: string; limit: number }): Promise<{
    data: NotificationView[];
    nextCursor: string | null;
  }> {
    const rows: {
      id: string;
      kind: string;
      mission_code: string;
      complaint_id: string | null;
      priority: string;
      payload: Record<string, unknown>;
      created_at: Date;
      read_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT id, kind, mission_code, complaint_id, priority, payload, created_at, read_at FROM notifications
       WHERE ($1::text IS NULL OR mission_code = $1)
         AND (NOT $2 OR read_at IS NULL)
         AND ($3::bigint IS NULL OR id < $3)
       ORDER BY id DESC LIMIT $4`,
      [q.missionCode ?? null, q.unread ?? false, q.before ?? null, q.limit + 1],
    );
    const page = rows.slice(0, q.limit);
    return {
      data: page.map((r) => ({
        id: r.id,
        kind: r.kind,
        missionCode: r.mission_code,
        complaintId: r.complaint_id,
        priority: r.priority,
        payload: r.payload,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at?.toISOString() ?? null,
      })),
      nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
    };
  }
}
