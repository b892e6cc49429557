import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentCorrelationId } from '../../core/http/correlation';
import type { SqlRunner } from '../../core/database/sql-runner';

export interface AuditInput {
  /** Who: actorOf(principal), 'cli:<os user>' or 'system'. */
  actor: string;
  /** A dotted verb: 'reporter.read', 'token.create', 'token.revoke'. */
  action: string;
  complaintId?: string | null;
  /** What it was about when not a complaint, e.g. 'token:<id>'. */
  subject?: string | null;
  /** Ids and facts only: the audit log must never hold the personal data whose reads it records. */
  payload?: Record<string, unknown>;
  /** Default: the current request's or job's correlation id. */
  correlationId?: string | null;
}

export interface AuditView {
  id: string;
  actor: string;
  action: string;
  complaintId: string | null;
  subject: string | null;
  payload: Record<string, unknown>;
  correlationId: string | null;
  occurredAt: string;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  complaintId?: string;
  /** Inclusive bounds on occurredAt. */
  from?: Date;
  to?: Date;
  /** nextCursor of the previous page: the id of its last entry. */
  cursor?: string;
  limit?: number;
}

interface AuditRow {
  id: string;
  actor: string;
  action: string;
  complaint_id: string | null;
  subject: string | null;
  payload: Record<string, unknown>;
  correlation_id: string | null;
  occurred_at: Date;
}

const DEFAULT_LIMIT = 50;

/** Owns the append-only audit_log table. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one entry through the caller's runner (an EntityManager or a raw transaction), so the
   * entry commits or rolls back with the action it records.
   */
  async record(runner: SqlRunner, entry: AuditInput): Promise<void> {
    await runner.query(
      `INSERT INTO audit_log (actor, action, complaint_id, subject, payload, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.actor,
        entry.action,
        entry.complaintId ?? null,
        entry.subject ?? null,
        JSON.stringify(entry.payload ?? {}),
        entry.correlationId !== undefined ? entry.correlationId : (currentCorrelationId() ?? null),
      ],
    );
  }

  /** Newest first, keyset-paginated by id; only the filters given constrain the query. */
  async list(q: AuditQuery = {}): Promise<{ data: AuditView[]; nextCursor: string | null }> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.actor !== undefined) add('actor = ?', q.actor);
    if (q.action !== undefined) add('action = ?', q.action);
    if (q.complaintId !== undefined) add('complaint_id = ?', q.complaintId);
    if (q.from !== undefined) add('occurred_at >= ?', q.from);
    if (q.to !== undefined) add('occurred_at <= ?', q.to);
    if (q.cursor !== undefined) add('id < ?', q.cursor);
    params.push(limit + 1);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id, actor, action, complaint_id, subject, payload, correlation_id, occurred_at
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      data: page.map((r) => ({
        id: r.id,
        actor: r.actor,
        action: r.action,
        complaintId: r.complaint_id,
        subject: r.subject,
        payload: r.payload,
        correlationId: r.correlation_id,
        occurredAt: r.occurred_at.toISOString(),
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
