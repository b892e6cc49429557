import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SqlRunner } from '../../core/database/sql-runner';
import { FieldCipher } from '../../core/crypto/field-cipher';
import type {
  LaporStatusMeaning,
  UpstreamComplaint,
  UpstreamFollowUp,
} from '../../integrations/lapor/lapor.types';
import { SYNC_MARKER } from '../sync/sync-queue.service';
import { TRANSITIONS } from './complaint-state-machine';
import type { ComplaintStatus } from './complaint.types';
import { ComplaintWorkflowService } from './complaint-workflow.service';
import { quarantineReason, snapshotHash } from './upstream-snapshot';

/** LAPOR! statuses that end a complaint here too (`closed`), unless we forwarded it ourselves. */
export const LAPOR_CLOSING_MEANINGS: readonly LaporStatusMeaning[] = ['finished', 'archived', 'rejected'];

export type ApplyOutcome = 'created' | 'updated' | 'unchanged' | 'stale';

export interface ApplyContext {
  actor: string;
  correlationId: string;
  /** Backfilled history: no alerts or notifications; SLA cycles marked imported. */
  imported: boolean;
}

export interface ApplyResult {
  outcome: ApplyOutcome;
  complaintId: string;
  quarantined: boolean;
}

interface StoredRow {
  id: string;
  upstream_updated_at: Date | null;
  content_hash: string | null;
  lapor_status_code: string | null;
  lapor_status_name: string | null;
  disposition_id: string | null;
  dispositioned_at: Date | null;
  title: string;
  content: string;
  classification: string | null;
  category_id: string | null;
  quarantine_reason: string | null;
  status: ComplaintStatus;
}

/** Columns written from an upstream snapshot, with their values in the same order. */
function upstreamColumns(c: UpstreamComplaint, cipher: FieldCipher, hash: string): [string[], unknown[]] {
  const reporter = c.isAnonymous ? null : c.reporter;
  const cols: [string, unknown][] = [
    ['tracking_id', c.trackingId],
    ['title', c.title],
    ['content', c.content],
    ['lapor_status_code', c.statusCode],
    ['lapor_status_name', c.statusName],
    ['classification', c.classification],
    ['lapor_classification_id', c.classificationId],
    ['lapor_classification_name', c.classificationName],
    ['category_id', c.categoryId],
    ['category_name', c.categoryName],
    ['location_id', c.locationId],
    ['location_name', c.locationName],
    ['date_of_incident', c.dateOfIncident],
    ['is_anonymous', c.isAnonymous],
    ['is_secret', c.isSecret],
    ['reporter_name_enc', cipher.encrypt(reporter?.name)],
    ['reporter_email_enc', cipher.encrypt(reporter?.email)],
    ['reporter_phone_enc', cipher.encrypt(reporter?.phone)],
    ['disposition_id', c.dispositionId],
    ['disposition_name', c.dispositionName],
    ['dispositioned_at', c.dispositionedAt],
    ['upstream_created_at', c.createdAt],
    ['upstream_updated_at', c.updatedAt],
    ['content_hash', hash],
    ['quarantine_reason', quarantineReason(c)],
  ];
  return [cols.map(([k]) => k), cols.map(([, v]) => v)];
}

/**
 * Applies LAPOR!'s view of a complaint to the bridge's copy, inside the caller's transaction. The
 * complaints module owns these tables: every real change writes one event row (SPEC.md "Intake").
 *
 * - new LAPOR! id → the complaint is created (status `received`) with a `received` event;
 * - older than what is stored (upstream_updated_at) → `stale`: kept as history by the caller only;
 * - identical content → `unchanged` (only the upstream clock moves forward, silently);
 * - otherwise → `updated`, with an event naming the fields that changed.
 * Unknown codes put the complaint in quarantine (quarantine_reason), never a default.
 */
@Injectable()
export class ComplaintIngestService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly workflow: ComplaintWorkflowService,
  ) {}

  /**
   * Claims the `batch` open complaints checked against LAPOR! longest ago, stamping them checked at
   * `now`, inside the caller's transaction (the refresh scheduler commits once their re-reads are
   * queued); returns their LAPOR! ids. Rows another replica is claiming are skipped.
   */
  async claimForRefresh(m: EntityManager, batch: number, now: Date): Promise<string[]> {
    const [rows]: [{ lapor_id: string }[], number] = await m.query(
      `UPDATE complaints SET upstream_checked_at = $2 WHERE id IN (
         SELECT id FROM complaints WHERE status NOT IN ('closed', 'forwarded')
         ORDER BY upstream_checked_at ASC NULLS FIRST, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING lapor_id`,
      [batch, now],
    );
    return rows.map((r) => r.lapor_id);
  }

  /**
   * The version of the bridge's copy of a LAPOR! complaint, null when it has none. It moves with every
   * change stored, from LAPOR! or the bridge's own; a read that changes nothing leaves it.
   */
  async storedVersion(m: SqlRunner, laporId: string): Promise<number | null> {
    const rows: { version: number }[] = await m.query(`SELECT version FROM complaints WHERE lapor_id = $1`, [
      laporId,
    ]);
    return rows.length ? rows[0].version : null;
  }

  async applyUpstream(m: SqlRunner, incoming: UpstreamComplaint, ctx: ApplyContext): Promise<ApplyResult> {
    let c = incoming;
    let hash = snapshotHash(c);
    let [cols, values] = upstreamColumns(c, this.cipher, hash);
    const quarantined = c.unknownCodes.length > 0;

    // Insert-or-nothing first: concurrent deliveries of a new complaint serialise on the unique key.
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO complaints (lapor_id, ${cols.join(', ')}, imported, quarantined_at, upstream_checked_at)
       VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}, $${cols.length + 2},
               CASE WHEN $${cols.length + 3}::boolean THEN now() END, now())
       ON CONFLICT (lapor_id) DO NOTHING RETURNING id`,
      [c.laporId, ...values, ctx.imported, quarantined],
    );
    if (inserted.length) {
      const id = inserted[0].id;
      await this.event(m, id, 'received', null, 'received', ctx, {
        laporStatus: c.statusName,
        dispositionId: c.dispositionId,
        dispositionedAt: c.dispositionedAt?.toISOString() ?? null,
        imported: ctx.imported,
      });
      if (quarantined)
        await this.event(m, id, 'quarantined', null, null, ctx, { unknownCodes: c.unknownCodes });
      return { outcome: 'created', complaintId: id, quarantined };
    }

    const rows: StoredRow[] = await m.query(
      `SELECT id, upstream_updated_at, content_hash, lapor_status_code, lapor_status_name, disposition_id,
              dispositioned_at, title, content, classification, category_id, quarantine_reason, status
       FROM complaints WHERE lapor_id = $1 FOR UPDATE`,
      [c.laporId],
    );
    const row = rows[0];
    // A disposition time that is only the created_at fallback (LAPOR! sent no dispositioned_at and no
    // log) never replaces a better one already stored for the same disposition: otherwise reads of the
    // inbox (no logs) and of the detail (logs) would alternate and look like changes (SLA clocks start here).
    if (
      c.dispositionedAtSource === 'created_at' &&
      row.dispositioned_at &&
      row.disposition_id === c.dispositionId &&
      row.dispositioned_at.getTime() !== c.dispositionedAt?.getTime()
    ) {
      c = { ...c, dispositionedAt: row.dispositioned_at };
      hash = snapshotHash(c);
      [cols, values] = upstreamColumns(c, this.cipher, hash);
    }
    if (row.upstream_updated_at && c.updatedAt < row.upstream_updated_at) {
      return { outcome: 'stale', complaintId: row.id, quarantined: !!row.quarantine_reason };
    }
    if (row.content_hash === hash) {
      await m.query(
        `UPDATE complaints SET upstream_updated_at = GREATEST(upstream_updated_at, $2), upstream_checked_at = now()
         WHERE id = $1`,
        [row.id, c.updatedAt],
      );
      // A complaint routed after LAPOR! had finished it (history, a late first read) closes on re-read.
      await this.closeIfFinished(m, row, c, ctx);
      return { outcome: 'unchanged', complaintId: row.id, quarantined: !!row.quarantine_reason };
    }

    await m.query(
      `UPDATE complaints SET ${cols.map((col, i) => `${col} = $${i + 2}`).join(', ')},
         quarantined_at = CASE WHEN $${cols.length + 2}::boolean THEN COALESCE(quarantined_at, now()) END,
         upstream_checked_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1`,
      [row.id, ...values, quarantined],
    );
    const changed = this.changedFields(row, c);
    await this.event(m, row.id, 'upstream_updated', null, null, ctx, {
      changed,
      laporStatus:
        row.lapor_status_name !== c.statusName
          ? { from: row.lapor_status_name, to: c.statusName }
          : undefined,
      dispositionId:
        row.disposition_id !== c.dispositionId
          ? { from: row.disposition_id, to: c.dispositionId }
          : undefined,
    });
    if (quarantined && !row.quarantine_reason) {
      await this.event(m, row.id, 'quarantined', null, null, ctx, { unknownCodes: c.unknownCodes });
    } else if (!quarantined && row.quarantine_reason) {
      await this.event(m, row.id, 'quarantine_cleared', null, null, ctx, {});
    }
    await this.closeIfFinished(m, row, c, ctx);
    return { outcome: 'updated', complaintId: row.id, quarantined };
  }

  /**
   * SPEC.md "Handling workflow": `closed` = finished upstream (Selesai, Diarsipkan); a LAPOR! admin's
   * rejection (Ditolak) ends it too. Our own rejection is `forwarded` already, which stays.
   */
  private async closeIfFinished(m: SqlRunner, row: StoredRow, c: UpstreamComplaint, ctx: ApplyContext) {
    // The row is locked and read already: only a complaint the close applies to goes further.
    if (!c.statusMeaning || !LAPOR_CLOSING_MEANINGS.includes(c.statusMeaning)) return;
    if (!TRANSITIONS['upstream-close'].from.includes(row.status)) return;
    await this.workflow.applyFromLapor(m, row.id, 'upstream-close', ctx, {
      laporStatus: c.statusName,
      laporStatusCode: c.statusCode,
    });
  }

  /** Stores a follow-up read from LAPOR! once (by its LAPOR! id); returns true when it was new. */
  async applyUpstreamFollowUp(
    m: SqlRunner,
    complaintId: string,
    f: UpstreamFollowUp,
    ctx: ApplyContext,
  ): Promise<boolean> {
    // Our own words coming back (the sync marker in the text): link them to the bridge's follow-up.
    const marker = SYNC_MARKER.exec(f.content)?.[0];
    if (marker && (await this.linkUpstreamFollowUp(m, complaintId, marker, f.laporFollowupId))) return false;
    const rows: unknown[] = await m.query(
      `INSERT INTO follow_ups (complaint_id, lapor_followup_id, origin, author_type, visibility, content, template_code, posted_at)
       VALUES ($1, $2, 'lapor', $3, 'public', $4, $5, $6)
       ON CONFLICT (lapor_followup_id) DO NOTHING RETURNING id`,
      [complaintId, f.laporFollowupId, f.authorType, f.content, f.templateCode, f.createdAt],
    );
    if (!rows.length) return false;
    // The institution answered in LAPOR! itself (or in history a backfill imports): that is its
    // first public follow-up if none came earlier. The version moves (the complaint changed), which
    // also marks it for the SLA sweep (trigger complaints_sla_dirty).
    if (f.authorType === 'institution')
      await m.query(
        `UPDATE complaints SET first_follow_up_at = LEAST(COALESCE(first_follow_up_at, $2), $2),
           version = version + 1, updated_at = now()
         WHERE id = $1`,
        [complaintId, f.createdAt],
      );
    await this.event(m, complaintId, 'followup_received', null, null, ctx, {
      laporFollowupId: f.laporFollowupId,
      authorType: f.authorType,
      postedAt: f.createdAt.toISOString(),
    });
    // Backfilled history is only history; a live reply gives the complaint back to the mission.
    if (f.authorType === 'reporter' && !ctx.imported)
      await this.workflow.applyFromLapor(m, complaintId, 'reporter-reply', ctx, {
        laporFollowupId: f.laporFollowupId,
      });
    return true;
  }

  /**
   * Records LAPOR!'s id of a bridge follow-up (by its sync marker): when the sender learns it, or when
   * the poll reads it back. Returns whether the complaint has a follow-up with that marker (then the
   * upstream one is not a new follow-up).
   */
  async linkUpstreamFollowUp(
    m: SqlRunner,
    complaintId: string,
    marker: string,
    laporFollowupId: string | null,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `WITH linked AS (
         UPDATE follow_ups SET lapor_followup_id = COALESCE($3, lapor_followup_id)
         WHERE complaint_id = $1 AND marker = $2 RETURNING id
       ) SELECT id FROM linked`,
      [complaintId, marker, laporFollowupId],
    );
    return rows.length > 0;
  }

  private changedFields(row: StoredRow, c: UpstreamComplaint): string[] {
    const out: string[] = [];
    if (row.title !== c.title) out.push('title');
    if (row.content !== c.content) out.push('content');
    if (row.lapor_status_code !== c.statusCode || row.lapor_status_name !== c.statusName)
      out.push('laporStatus');
    if (row.disposition_id !== c.dispositionId) out.push('disposition');
    if (row.classification !== c.classification) out.push('classification');
    if (row.category_id !== c.categoryId) out.push('category');
    return out.length ? out : ['other'];
  }

  private async event(
    m: SqlRunner,
    complaintId: string,
    type: string,
    fromStatus: string | null,
    toStatus: string | null,
    ctx: ApplyContext,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO complaint_events (complaint_id, type, actor, from_status, to_status, payload, correlation_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [complaintId, type, ctx.actor, fromStatus, toStatus, JSON.stringify(payload), ctx.correlationId],
    );
  }
}
