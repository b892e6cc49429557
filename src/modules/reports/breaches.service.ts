import { Injectable } from '@nestjs/common';
import { DomainError } from '../../core/http/domain.errors';
import { ComplaintSlaService } from '../complaints/complaint-sla.service';
import { MissionsService } from '../missions/missions.service';
import { regionOf } from '../missions/regions';
import { SlaQueryService } from '../sla/sla-query.service';
import type { BreachView } from './reports.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The breach list: clocks past due that have not stopped, oldest breach first (dashboard, monitors). */
@Injectable()
export class BreachesService {
  constructor(
    private readonly sla: SlaQueryService,
    private readonly complaints: ComplaintSlaService,
    private readonly missions: MissionsService,
  ) {}

  async list(q: {
    mission?: string;
    region?: string;
    offices?: readonly string[] | null;
    limit: number;
    cursor?: string;
  }): Promise<{ data: BreachView[]; nextCursor: string | null }> {
    const offices = await this.missions.list({});
    const byCode = new Map(offices.map((o) => [o.code, o]));
    let scope: string[] | null = null;
    if (q.mission || q.region || q.offices)
      scope = offices
        .filter(
          (o) =>
            (!q.mission || o.code === q.mission) &&
            (!q.region || regionOf(o) === q.region) &&
            (!q.offices || q.offices.includes(o.code)),
        )
        .map((o) => o.code);
    const rows = await this.sla.openBreaches({
      missions: scope,
      limit: q.limit + 1,
      after: decodeCursor(q.cursor),
    });
    const page = rows.slice(0, q.limit);
    const heads = await this.complaints.heads(page.map((r) => r.complaintId));
    const now = Date.now();
    const data = page.map((r): BreachView => {
      const h = heads.get(r.complaintId);
      const o = r.missionCode ? byCode.get(r.missionCode) : undefined;
      return {
        complaintId: r.complaintId,
        laporId: h?.laporId ?? null,
        trackingId: h?.trackingId ?? null,
        missionCode: r.missionCode,
        missionName: o?.name ?? null,
        region: o ? regionOf(o) : 'Lainnya',
        clock: r.clock,
        cycle: r.cycle,
        priority: h?.priority ?? null,
        status: h?.status ?? null,
        escalationLevel: h?.escalationLevel ?? null,
        dueAt: r.dueAt.toISOString(),
        breachedAt: r.breachedAt.toISOString(),
        overdueHours: Math.round((now - r.dueAt.getTime()) / 360_000) / 10,
      };
    });
    const last = page[page.length - 1];
    return {
      data,
      nextCursor:
        rows.length > q.limit && last
          ? Buffer.from(
              JSON.stringify({ b: last.breachedAt.toISOString(), c: last.complaintId, k: last.clock }),
            ).toString('base64url')
          : null,
    };
  }
}

function decodeCursor(cursor?: string): { breachedAt: Date; complaintId: string; clock: string } | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      b: string;
      c: string;
      k: string;
    };
    const at = new Date(v.b);
    if (!Number.isNaN(at.getTime()) && UUID.test(v.c) && typeof v.k === 'string' && v.k.length < 40)
      return { breachedAt: at, complaintId: v.c, clock: v.k };
  } catch {
    // falls through to the error below
  }
  throw new DomainError(
    'CURSOR_INVALID',
    400,
    'The cursor is not one this list gave out: start again without it.',
    {
      errors: [{ field: 'cursor', message: 'not a cursor of this list' }],
    },
  );
}
