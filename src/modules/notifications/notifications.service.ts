import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobPayloads, JobName } from '../../core/queue/queue.contract';
import { NotificationNotFoundError } from './notification.errors';

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

/**
 * Owns the notifications and notification_reads tables: the in-app list. A notification goes to an
 * office; each of its people (and each API token) has their own read state.
 */
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

  /**
   * The caller's list, newest first: the office's notifications (every office's when `missionCode`
   * is absent) with the reader's own read state. `before` is the id of the last item of the previous
   * page. `unreadCount`: unread among the newest UNREAD_CAP.
   */
  async list(q: {
    reader: string;
    missionCode?: string;
    unread?: boolean;
    before?: string;
    limit: number;
  }): Promise<{ data: NotificationView[]; nextCursor: string | null; unreadCount: number }> {
    const [rows, unreadCount] = await Promise.all([
      this.dataSource.query<NotificationRow[]>(
        `SELECT n.id, n.kind, n.mission_code, n.complaint_id, n.priority, n.payload, n.created_at, r.read_at
         FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.reader = $5
         WHERE ($1::text IS NULL OR n.mission_code = $1)
           AND (NOT $2 OR r.notification_id IS NULL)
           AND ($3::bigint IS NULL OR n.id < $3)
         ORDER BY n.id DESC LIMIT $4`,
        [q.missionCode ?? null, q.unread ?? false, q.before ?? null, q.limit + 1, q.reader],
      ),
      this.unreadCount(q.reader, q.missionCode),
    ]);
    const page = rows.slice(0, q.limit);
    return {
      data: page.map(toView),
      nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
      unreadCount,
    };
  }

  /**
   * How many of the newest UNREAD_CAP notifications of the list the reader has not read. Bounded so
   * it stays cheap on every console page (the nav shows it) however long an office's history is; a
   * notice older than the newest thousand no longer counts as new.
   */
  async unreadCount(reader: string, missionCode?: string): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT id FROM notifications
         WHERE ($1::text IS NULL OR mission_code = $1)
         ORDER BY id DESC LIMIT $3) w
       WHERE NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = w.id AND r.reader = $2)`,
      [missionCode ?? null, reader, UNREAD_CAP],
    );
    return n;
  }

  /**
   * Marks one notification of the caller's list read for this reader only; marking it again keeps
   * the first time. Not in the list (another office's, or no such id): NOTIFICATION_NOT_FOUND.
   */
  async markRead(id: string, reader: string, missionCode?: string): Promise<NotificationView> {
    if (!/^\d{1,18}$/.test(id)) throw new NotificationNotFoundError(id);
    await this.dataSource.query(
      `INSERT INTO notification_reads (notification_id, reader)
       SELECT id, $2 FROM notifications WHERE id = $1 AND ($3::text IS NULL OR mission_code = $3)
       ON CONFLICT (notification_id, reader) DO NOTHING`,
      [id, reader, missionCode ?? null],
    );
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT n.id, n.kind, n.mission_code, n.complaint_id, n.priority, n.payload, n.created_at, r.read_at
       FROM notifications n
       JOIN notification_reads r ON r.notification_id = n.id AND r.reader = $2
       WHERE n.id = $1 AND ($3::text IS NULL OR n.mission_code = $3)`,
      [id, reader, missionCode ?? null],
    );
    if (rows.length === 0) throw new NotificationNotFoundError(id);
    return toView(rows[0]);
  }

  /**
   * Marks everything in the caller's list read for this reader, up to `upTo` (the newest id the
   * reader has seen, so a notification that arrives meanwhile stays unread). Returns how many.
   */
  async markAllRead(reader: string, missionCode: string | undefined, upTo?: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO notification_reads (notification_id, reader)
       SELECT n.id, $1 FROM notifications n
       WHERE ($2::text IS NULL OR n.mission_code = $2)
         AND ($3::bigint IS NULL OR n.id <= $3)
         AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.reader = $1)
       ON CONFLICT (notification_id, reader) DO NOTHING
       RETURNING notification_id`,
      [reader, missionCode ?? null, upTo ?? null],
    );
    return rows.length;
  }
}

/** The unread count looks at the newest this many of a list; the console shows "999+" at the cap. */
export const UNREAD_CAP = 1000;

interface NotificationRow {
  id: string;
  kind: string;
  mission_code: string;
  complaint_id: string | null;
  priority: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

function toView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    missionCode: r.mission_code,
    complaintId: r.complaint_id,
    priority: r.priority,
    payload: r.payload,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}
