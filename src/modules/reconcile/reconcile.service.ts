import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeaseService } from '../../core/database/lease.service';
import { correlationId } from '../../core/http/correlation';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName } from '../../core/queue/queue.contract';
import { isLaporError } from '../../integrations/lapor/lapor.errors';
import { ComplaintQueryService, type ReconcileCandidate } from '../complaints/complaint-query.service';
import { SyncRepairService } from '../sync/sync-repair.service';
import { ComplaintDriftService, type Finding } from './complaint-drift.service';
import { InboxDriftService } from './inbox-drift.service';
import { ReconcileRunsService, type RunEnd } from './reconcile-runs.service';
import { RECONCILE_OPTIONS, type ReconcileOptions } from './reconcile.options';
import { SyncDriftService, type DriftCounts } from './sync-drift.service';

export type RunOutcome =
  | ({ outcome: 'ran'; runId: string } & RunEnd)
  /** Another run holds the lease (the queued run is recorded as skipped). */
  | { outcome: 'busy'; runId: string | null }
  /** A re-delivered job of a run that already finished. */
  | { outcome: 'done'; runId: string };

export interface ReconcileSummary {
  lastRun: {
    startedAt: string;
    /** Null (and ok null) while the run is in progress. */
    finishedAt: string | null;
    ok: boolean | null;
    /** What ended it early (LAPOR_CIRCUIT_OPEN, LAPOR_AUTH, RECONCILE_FAILED), else null. */
    error: string | null;
    checked: number;
    errors: number;
    found: number;
    repaired: number;
    resolved: number;
  } | null;
  drift: DriftCounts;
}

/** LAPOR! refuses everything now: going on would only count the same failure per complaint. */
function endsRun(e: unknown): string | null {
  return isLaporError(e) && (e.code === 'LAPOR_CIRCUIT_OPEN' || e.code === 'LAPOR_AUTH') ? e.code : null;
}

/**
 * The reconciler (README.md in this folder): compares complaints with LAPOR! by id, records drift
 * (missing locally, status mismatch, a confirmed follow-up not visible upstream) and repairs what a
 * re-enqueued job can repair. One run at a time across every replica and the CLI (run lease).
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger(ReconcileService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly lease: LeaseService,
    private readonly runs: ReconcileRunsService,
    private readonly drift: SyncDriftService,
    private readonly inbox: InboxDriftService,
    private readonly complaintDrift: ComplaintDriftService,
    private readonly complaints: ComplaintQueryService,
    private readonly sync: SyncRepairService,
    private readonly outbox: OutboxService,
    @Inject(RECONCILE_OPTIONS) private readonly opts: ReconcileOptions,
  ) {}

  /** One run: the queued run `runId` (scheduler), or a new manual one. `now` is what it judges by. */
  async run(now = new Date(), runId?: string): Promise<RunOutcome> {
    const leased = await this.lease.runExclusive('reconcileRun', async (): Promise<RunOutcome> => {
      const id = await this.runs.start(runId ?? null);
      if (!id) return { outcome: 'done', runId: runId! };
      const end: RunEnd = {
        ok: true,
        error: null,
        checked: 0,
        errors: 0,
        inboxSeen: 0,
        found: 0,
        repaired: 0,
        resolved: 0,
        resumeAfter: null,
      };
      try {
        await this.walk(id, now, end);
      } catch (e) {
        // Not LAPOR!'s answer (the database, a bug): recorded as a failed run, if the database still
        // answers (the error reported is the first one); the next run starts the walk over.
        await this.runs
          .finish(id, { ...end, ok: false, error: 'RECONCILE_FAILED', resumeAfter: null })
          .catch(() => undefined);
        throw e;
      }
      await this.runs.finish(id, end);
      this.logger.log({ runId: id, ...end }, 'reconcile run finished');
      return { outcome: 'ran', runId: id, ...end };
    });
    if (leased.ran) return leased.value;
    if (runId) await this.runs.skip(runId, 'RECONCILE_BUSY');
    return { outcome: 'busy', runId: runId ?? null };
  }

  async summary(): Promise<ReconcileSummary> {
    const [last, drift] = await Promise.all([this.runs.last(), this.drift.counts()]);
    return {
      lastRun: last && {
        startedAt: last.startedAt.toISOString(),
        finishedAt: last.finishedAt?.toISOString() ?? null,
        ok: last.ok,
        error: last.error,
        checked: last.checked,
        errors: last.errors,
        found: last.found,
        repaired: last.repaired,
        resolved: last.resolved,
      },
      drift,
    };
  }

  /** The run's steps; `end` is updated as it goes, so a failure still records what was done. */
  private async walk(runId: string, now: Date, end: RunEnd): Promise<void> {
    const inbox = await this.inbox.check(now);
    end.inboxSeen = inbox.seen;
    for (const f of inbox.findings) await this.apply(runId, f, end);
    if (inbox.failure) end.errors++;

    const statusCompared: string[] = [];
    const followUpsCompared: string[] = [];
    const ended = endsRun(inbox.failure);
    if (ended) {
      end.ok = false;
      end.error = ended;
    } else {
      for (const c of await this.batch(now)) {
        const checked = await this.compare(runId, c, now, end);
        if (checked === 'stop') break;
        end.resumeAfter = c.id;
        if (checked?.statusCompared) statusCompared.push(c.id);
        if (checked?.followUpsCompared) followUpsCompared.push(c.id);
      }
    }

    const nowLocal = await this.complaints.existingLaporIds(await this.drift.openMissing());
    end.resolved = await this.drift.resolveUnseen(runId, {
      statusCompared,
      followUpsCompared,
      inboxComplete: inbox.complete,
      nowLocal: [...nowLocal],
    });
  }

  /** One complaint: its findings applied; null when LAPOR! failed for it; 'stop' ends the run. */
  private async compare(runId: string, c: ReconcileCandidate, now: Date, end: RunEnd) {
    try {
      const checked = await this.complaintDrift.check(c, now);
      for (const f of checked.findings) await this.apply(runId, f, end);
      // Follow-ups LAPOR! listed but could not be read leave the complaint not fully compared.
      if (checked.followUpsCompared) end.checked++;
      else end.errors++;
      return checked;
    } catch (e) {
      if (!isLaporError(e)) throw e;
      const ended = endsRun(e);
      if (ended) {
        end.ok = false;
        end.error = ended;
        return 'stop' as const;
      }
      // Skipped and counted: compared again when the walk comes round.
      end.errors++;
      this.logger.warn({ complaintId: c.id, code: e.code }, 'reconcile: complaint skipped, LAPOR! failed');
      return null;
    }
  }

  /**
   * The next maxComplaints complaints of the walk by id, after where the last run stopped, wrapping
   * round to the first: every complaint is compared once per ⌈candidates ÷ maxComplaints⌉ runs.
   */
  private async batch(now: Date): Promise<ReconcileCandidate[]> {
    const after = await this.runs.resumeAfter();
    const since = new Date(now.getTime() - this.opts.closedLookbackMs);
    const max = this.opts.maxComplaints;
    const first = await this.complaints.forReconcile(after, max, since);
    if (first.length === max || after === null) return first;
    const taken = new Set(first.map((c) => c.id));
    const wrapped = await this.complaints.forReconcile(null, max - first.length, since);
    return [...first, ...wrapped.filter((c) => !taken.has(c.id))];
  }

  /** Records a finding and its repair in one transaction: the re-enqueued job exists exactly when the row does. */
  private async apply(runId: string, f: Finding, end: RunEnd): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      let repair: string | null = null;
      if (f.repair === 'refetch') {
        await this.outbox.enqueue(m, JobName.IntakeFetchComplaint, {
          correlationId: correlationId(),
          laporId: f.drift.laporId,
          reason: 'reconcile',
        });
        repair = JobName.IntakeFetchComplaint;
      } else if (f.repair === 'requeue' && (await this.sync.requeue(m, f.drift.subject))) {
        repair = JobName.SyncComplaint;
      }
      if (await this.drift.record(m, runId, f.drift, repair)) end.found++;
      if (repair) end.repaired++;
    });
  }
}
