import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../core/crypto/field-cipher';
import { SyncQueueService } from '../sync/sync-queue.service';
import { DomainError } from '../../core/http/domain.errors';
import { inScope, scopeCondition, type ComplaintScope } from './complaint-scope';
import { COMPLAINT_COLUMNS, type ComplaintRow, type EventRow, type FollowUpRow } from './complaint-rows';
import type { ComplaintStatus, Priority } from './complaint.types';

/** A complaint as the reconciler compares it with LAPOR!. */
export interface ReconcileCandidate {
  id: string;
  lapor_id: string;
  status: ComplaintStatus;
  lapor_status_code: string | null;
  lapor_status_name: string | null;
  mission_code: string | null;
}

export const INBOX_SORTS = ['newest', 'oldest', 'due'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export interface InboxFilter {
  /** The complaints the caller may see (complaint-scope.ts); null = all. */
  offices: ComplaintScope;
  status?: ComplaintStatus[];
  mission?: string;
  category?: string;
  classification?: string;
  priority?: Priority[];
  breached?: boolean;
  escalated?: boolean;
  laporId?: string;
  q?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  sort: InboxSort;
  limit: number;
  cursor?: string;
}

export class InvalidCursorError extends DomainError {
  constructor() {
    super('VALIDATION_FAILED', 400, 'The cursor is not one this list gave out.', {
      errors: [{ field: 'cursor', message: 'must be the nextCursor of a previous page with the same sort' }],
    });
  }
}

/** Keyset order per sort: the columns compared, and their direction. */
const ORDER: { readonly [S in InboxSort]: { keys: string[]; dir: 'ASC' | 'DESC' } } = {
  newest: { keys: ['c.received_at', 'c.id'], dir: 'DESC' },
  oldest: { keys: ['c.received_at', 'c.id'], dir: 'ASC' },
  // Complaints without an open deadline come last.
  due: { keys: [`COALESCE(c.due_at, 'infinity'::timestamptz)`, 'c.received_at', 'c.id'], dir: 'ASC' },
};
const KEY_CASTS: { readonly [S in InboxSort]: string[] } = {
  newest: ['timestamptz', 'uuid'],
  oldest: ['timestamptz', 'uuid'],
  due: ['timestamptz', 'timestamptz', 'uuid'],
};

/**
 * Reads complaints for the inbox and the complaint page. Scope is part of every query, so a
 * complaint outside the caller's offices is indistinguishable from one that does not exist.
 */
@Injectable()
export class ComplaintQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly sync: SyncQueueService,
  ) {}

  async list(f: InboxFilter): Promise<{ rows: ComplaintRow[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.offices) where.push(scopeCondition(f.offices, p));
    if (f.mission) where.push(`c.mission_code = ${p(f.mission)}`);
    if (f.status?.length) where.push(`c.status = ANY(${p(f.status)}::text[])`);
    if (f.priority?.length) where.push(`c.priority = ANY(${p(f.priority)}::text[])`);
    if (f.category) where.push(`(c.category_id = ${p(f.category)} OR c.category_name = $${params.length})`);
    if (f.classification) where.push(`c.classification = ${p(f.classification)}`);
    if (f.breached !== undefined) where.push(`c.breached_at IS ${f.breached ? 'NOT ' : ''}NULL`);
    if (f.escalated !== undefined) where.push(`c.escalation_level ${f.escalated ? '>' : '='} 0`);
    if (f.laporId) where.push(`c.lapor_id = ${p(f.laporId)}`);
    if (f.from) where.push(`c.received_at >= ${p(f.from)}`);
    if (f.to) where.push(`c.received_at < ${p(f.to)}`);
    if (f.q) {
      where.push(
        `to_tsvector('simple', c.title || ' ' || c.content) @@ to_tsquery('simple', ${p(searchQuery(f.q))})`,
      );
    }
    const order = ORDER[f.sort];
    if (f.cursor) {
      const keys = decodeCursor(f.cursor, f.sort);
      const casted = keys.map((k, i) => `${p(k)}::${KEY_CASTS[f.sort][i]}`);
      where.push(`(${order.keys.join(', ')}) ${order.dir === 'DESC' ? '<' : '>'} (${casted.join(', ')})`);
    }
    const keySelect = order.keys.map((k, i) => `(${k})::text AS k${i}`).join(', ');
    const sql = `SELECT ${COMPLAINT_COLUMNS}, ${keySelect} FROM complaints c
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order.keys.map((k) => `${k} ${order.dir}`).join(', ')}
       LIMIT ${p(f.limit + 1)}`;
    const rows = await this.dataSource
      .query<(ComplaintRow & Record<string, string>)[]>(sql, params)
      .catch((e: unknown) => {
        // A forged cursor whose keys Postgres cannot read (invalid_datetime_format and friends).
        if (f.cursor && /^22/.test(String((e as { code?: unknown }).code))) throw new InvalidCursorError();
        throw e;
      });
    const more = rows.length > f.limit;
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    const nextCursor =
      more && last
        ? encodeCursor(
            f.sort,
            order.keys.map((_, i) => last[`k${i}`]),
          )
        : null;
    return { rows: page, nextCursor };
  }

  /** How many complaints of the caller's scope (and of one office, if given) are in each status. */
  async countByStatus(offices: ComplaintScope, mission?: string): Promise<Map<ComplaintStatus, number>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (offices) where.push(scopeCondition(offices, p));
    if (mission) where.push(`c.mission_code = ${p(mission)}`);
    const rows: { status: ComplaintStatus; n: number }[] = await this.dataSource.query(
      `SELECT c.status, count(*)::int AS n FROM complaints c
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY c.status`,
      params,
    );
    return new Map(rows.map((r) => [r.status, r.n]));
  }

  /** One complaint, if it is in the caller's scope. */
  async get(id: string, scope: ComplaintScope): Promise<ComplaintRow | null> {
    const rows: ComplaintRow[] = await this.dataSource.query(
      `SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1`,
      [id],
    );
    const c = rows[0];
    if (!c || !inScope(scope, c)) return null;
    return c;
  }

  /**
   * Quarantined complaints (unknown LAPOR! codes), newest first, after the keyset `after`
   * ([quarantined at as text, id]); `at_text` keeps Postgres's microseconds for the next cursor.
   */
  async quarantined(
    after: [string, string] | null,
    limit: number,
  ): Promise<{ id: string; lapor_id: string; reason: string; at: Date; at_text: string; status: string }[]> {
    return this.dataSource.query(
      `SELECT id, lapor_id, quarantine_reason AS reason, at, at::text AS at_text, status FROM (
           SELECT id, lapor_id, quarantine_reason, status, COALESCE(quarantined_at, updated_at) AS at
           FROM complaints WHERE quarantine_reason IS NOT NULL) q
         WHERE $1::timestamptz IS NULL OR (at, id) < ($1::timestamptz, $2::uuid)
         ORDER BY at DESC, id DESC LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async timeline(id: string): Promise<EventRow[]> {
    return this.dataSource.query(
      `SELECT id, type, actor, from_status, to_status, payload, occurred_at FROM complaint_events
       WHERE complaint_id = $1 ORDER BY id`,
      [id],
    );
  }

  /** Follow-ups oldest first, each public bridge one with the state of its way to LAPOR!. */
  async followUps(id: string): Promise<FollowUpRow[]> {
    const [rows, sync] = await Promise.all([
      this.dataSource.query<Omit<FollowUpRow, 'sync'>[]>(
        `SELECT id, origin, author_type, visibility, kind, content, template_code, actor, lapor_followup_id, posted_at
         FROM follow_ups WHERE complaint_id = $1 ORDER BY posted_at, created_at`,
        [id],
      ),
      this.sync.followUpStates(this.dataSource, id),
    ]);
    return rows.map((f) => ({ ...f, sync: sync.get(f.id) ?? null }));
  }

  /** The office of each complaint (for per-mission figures of other modules). */
  async missionsOf(ids: string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows: { id: string; mission_code: string | null }[] = await this.dataSource.query(
      `SELECT id, mission_code FROM complaints WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.mission_code]));
  }

  /** One follow-up's text, for the sync sender. */
  async followUpText(id: string): Promise<{ content: string; template_code: string | null } | null> {
    const rows: { content: string; template_code: string | null }[] = await this.dataSource.query(
      `SELECT content, template_code FROM follow_ups WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Which of these LAPOR! ids the bridge has a complaint for (the reconciler's "missing locally"). */
  async existingLaporIds(laporIds: string[]): Promise<Set<string>> {
    if (!laporIds.length) return new Set();
    const rows: { lapor_id: string }[] = await this.dataSource.query(
      `SELECT lapor_id FROM complaints WHERE lapor_id = ANY($1::text[])`,
      [laporIds],
    );
    return new Set(rows.map((r) => r.lapor_id));
  }

  /**
   * The reconciler's next batch: complaints still open, and closed or forwarded ones changed since
   * `closedSince`, in id order after `after` (a keyset walk that the next run continues). Ids and
   * statuses only.
   */
  async forReconcile(after: string | null, limit: number, closedSince: Date): Promise<ReconcileCandidate[]> {
    return this.dataSource.query(
      `SELECT id, lapor_id, status, lapor_status_code, lapor_status_name, mission_code FROM complaints
       WHERE (status NOT IN ('closed', 'forwarded') OR updated_at >= $3)
         AND ($1::uuid IS NULL OR id > $1::uuid)
       ORDER BY id LIMIT $2`,
      [after, limit, closedSince],
    );
  }

  /** The reporter in clear text. Callers decide who may see it (and audit the read). */
  reporter(c: ComplaintRow): { name: string | null; email: string | null; phone: string | null } {
    return {
      name: this.cipher.decrypt(c.reporter_name_enc),
      email: this.cipher.decrypt(c.reporter_email_enc),
      phone: this.cipher.decrypt(c.reporter_phone_enc),
    };
  }
}

/** Words of q as prefix terms, all required: "paspor hilang" finds "pasporku hilang di Osaka". */
export function searchQuery(q: string): string {
  const words =
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .slice(0, 8)
    .map((w) => `${w}:*`)
    .join(' & ');
}

function encodeCursor(sort: InboxSort, keys: string[]): string {
  return Buffer.from(JSON.stringify([sort, ...keys])).toString('base64url');
}

function decodeCursor(cursor: string, sort: InboxSort): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const n = KEY_CASTS[sort].length;
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== sort ||
    parsed.length !== n + 1 ||
    !parsed.slice(1).every((k) => typeof k === 'string' && k.length <= 64)
  )
    throw new InvalidCursorError();
  const keys = parsed.slice(1) as string[];
  const valid = keys.every((k, i) =>
    KEY_CASTS[sort][i] === 'uuid'
      ? /^[0-9a-f-]{36}$/i.test(k)
      : k === 'infinity' || !Number.isNaN(Date.parse(k.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))),
  );
  if (!valid) throw new InvalidCursorError();
  return keys;
}
