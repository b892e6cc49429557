import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobPayloads, JobName } from '../../core/queue/queue.contract';
import { NotificationNotFoundError } from './notification.errors';
import type { Principal } from '../auth/principal';
import { ComplaintScopeService } from '../complaints/complaint-scope.service';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: ComplaintScopeService,
  ) {}

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
   * Whose notifications a caller's list holds (as the complaints' scope): a handler's or
   * supervisor's office and the desks inside it; for monitors and admins the office they ask for,
   * or every office's (null).
   */
  async scopeOf(who: Principal, asked?: string): Promise<NoticeScope> {
    return (await this.scope.of(who)) ?? (asked ? [asked] : null);
  }

  /**
   * The caller's list, newest first, with the reader's own read state. `before` is the id of the
   * last item of the previous page. `unread` lists the unread among the newest UNREAD_CAP, the same
   * window `unreadCount` counts.
   */
  async list(q: {
    reader: string;
    scope: NoticeScope;
    unread?: boolean;
    before?: string;
    limit: number;
  }): Promise<{ data: NotificationView[]; nextCursor: string | null; unreadCount: number }> {
    const [rows, unreadCount] = await Promise.all([
      this.dataSource.query<NotificationRow[]>(
        `SELECT n.id, n.kind, n.mission_code, n.complaint_id, n.priority, n.payload, n.created_at, r.read_at
         FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.reader = $5
         WHERE ${IN_SCOPE('n', '$1')}
           AND (NOT $2 OR (r.notification_id IS NULL AND n.id >= ${WINDOW_FLOOR('$1')}))
           AND ($3::bigint IS NULL OR n.id < $3)
         ORDER BY n.id DESC LIMIT $4`,
        [q.scope, q.unread ?? false, q.before ?? null, q.limit + 1, q.reader],
      ),
      this.unreadCount(q.reader, q.scope),
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
  async unreadCount(reader: string, scope: NoticeScope): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT id FROM notifications n WHERE ${IN_SCOPE('n', '$1')} ORDER BY id DESC LIMIT ${UNREAD_CAP}) w
       WHERE NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = w.id AND r.reader = $2)`,
      [scope, reader],
    );
    return n;
  }

  /**
   * Marks one notification of the caller's list read for this reader only; marking it again keeps
   * the first time. Not in the list (another office's, or no such id): NOTIFICATION_NOT_FOUND.
   */
  async markRead(id: string, reader: string, scope: NoticeScope): Promise<NotificationView> {
    if (!/^\d{1,18}$/.test(id)) throw new NotificationNotFoundError(id);
    await this.dataSource.query(
      `INSERT INTO notification_reads (notification_id, reader)
       SELECT id, $2 FROM notifications n WHERE id = $1 AND ${IN_SCOPE('n', '$3')}
       ON CONFLICT (notification_id, reader) DO NOTHING`,
      [id, reader, scope],
    );
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT n.id, n.kind, n.mission_code, n.complaint_id, n.priority, n.payload, n.created_at, r.read_at
       FROM notifications n
       JOIN notification_reads r ON r.notification_id = n.id AND r.reader = $2
       WHERE n.id = $1 AND ${IN_SCOPE('n', '$3')}`,
      [id, reader, scope],
    );
    if (rows.length === 0) throw new NotificationNotFoundError(id);
    return toView(rows[0]);
  }

  /**
   * Marks the unread of the caller's list read for this reader — among the newest UNREAD_CAP, the
   * window the count and the unread filter show, so one call writes at most that many rows — up to
   * `upTo` (the newest id the reader has seen, so a notification that arrives meanwhile stays
   * unread). Returns how many.
   */
  async markAllRead(reader: string, scope: NoticeScope, upTo?: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO notification_reads (notification_id, reader)
       SELECT n.id, $1 FROM notifications n
       WHERE ${IN_SCOPE('n', '$2')}
         AND n.id >= ${WINDOW_FLOOR('$2')}
         AND ($3::bigint IS NULL OR n.id <= $3)
         AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.reader = $1)
       ON CONFLICT (notification_id, reader) DO NOTHING
       RETURNING notification_id`,
      [reader, scope, upTo ?? null],
    );
    return rows.length;
  }
}

/** The offices whose notifications a list holds; null: every office's. */
export type NoticeScope = readonly string[] | null;

/** A notification `alias` in the scope given as the text[] parameter `param` (null: any office). */
const IN_SCOPE = (alias: string, param: string) =>
  `(${param}::text[] IS NULL OR ${alias}.mission_code = ANY(${param}::text[]))`;

/** The oldest id of the newest UNREAD_CAP notifications in the scope `param` (0 when there are none). */
const WINDOW_FLOOR = (param: string) =>
  `COALESCE((SELECT min(id) FROM (SELECT w.id FROM notifications w WHERE ${IN_SCOPE('w', param)}
     ORDER BY w.id DESC LIMIT ${UNREAD_CAP}) f), 0)`;

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
