import { Inject, Injectable } from '@nestjs/common';
import { LaporClient } from '../../integrations/lapor/lapor.client';
import { isLaporError, type LaporError } from '../../integrations/lapor/lapor.errors';
import type { UpstreamComplaint } from '../../integrations/lapor/lapor.types';
import { ComplaintQueryService } from '../complaints/complaint-query.service';
import { MissionsService } from '../missions/missions.service';
import type { Finding } from './complaint-drift.service';
import { RECONCILE_OPTIONS, type ReconcileOptions } from './reconcile.options';

export interface InboxCheck {
  /** Distinct complaints the inbox listed in the window. */
  seen: number;
  /** Every page of the window was read. */
  complete: boolean;
  findings: Finding[];
  /** The LAPOR! error that stopped the read (the pages before it still count), else null. */
  failure: LaporError | null;
}

/**
 * "Missing locally": complaints LAPOR!'s inbox lists for us over the recent window that the bridge
 * does not have. The repair is the normal ingest path: a fetch of the complaint.
 */
@Injectable()
export class InboxDriftService {
  constructor(
    private readonly lapor: LaporClient,
    private readonly complaints: ComplaintQueryService,
    private readonly missions: MissionsService,
    @Inject(RECONCILE_OPTIONS) private readonly opts: ReconcileOptions,
  ) {}

  async check(now: Date): Promise<InboxCheck> {
    const updatedFrom = new Date(now.getTime() - this.opts.inboxWindowMs);
    const listed = new Map<string, UpstreamComplaint>();
    let complete = false;
    let failure: LaporError | null = null;
    try {
      // Page numbers over one updated_from: an item LAPOR! changes meanwhile moves to the end and may
      // be missed or read twice — it was just changed, so the poll reads it anyway.
      for (let page = 1; page <= this.opts.maxInboxPages; page++) {
        const p = await this.lapor.inboxPage({ updatedFrom, page, pageSize: this.opts.inboxPageSize });
        for (const c of p.items) listed.set(c.laporId, c);
        if (p.nextPageUrl === null) {
          complete = true;
          break;
        }
      }
    } catch (e) {
      if (!isLaporError(e)) throw e;
      failure = e;
    }
    // What LAPOR! changed within the grace period the poll has not had time to read.
    const settled = [...listed.values()].filter(
      (c) => now.getTime() - c.updatedAt.getTime() >= this.opts.graceMs,
    );
    const have = await this.complaints.existingLaporIds(settled.map((c) => c.laporId));
    const missing = settled.filter((c) => !have.has(c.laporId));
    const missionOf = missing.length
      ? await this.missions.missionByInstitutionId()
      : new Map<string, string>();
    const findings: Finding[] = missing.map((c) => ({
      drift: {
        kind: 'missing_locally',
        laporId: c.laporId,
        complaintId: null,
        missionCode: (c.dispositionId && missionOf.get(c.dispositionId)) || null,
        subject: '',
        detail: {
          upstreamStatusCode: c.statusCode,
          upstreamStatus: c.statusName,
          upstreamUpdatedAt: c.updatedAt.toISOString(),
          dispositionId: c.dispositionId,
        },
      },
      repair: 'refetch',
    }));
    return { seen: listed.size, complete, findings, failure };
  }
}
