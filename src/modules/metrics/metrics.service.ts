import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../core/queue/outbox.service';
import { QUEUE_NAMES } from '../../core/queue/queue.contract';
import { QueueRegistry } from '../../core/queue/queue.registry';
import { ComplaintMetricsService } from '../complaints/complaint-metrics.service';
import { PollCursorService } from '../intake/poll-cursor.service';
import { SyncItemsService } from '../sync/sync-items.service';
import { CachedSource, type SourceName, type SourceRead } from './cached-source';
import {
  JOB_STATES,
  METRIC_PREFIX,
  MetricGauges,
  type CursorFigures,
  type QueueFigures,
} from './metric-gauges';

/**
 * How long figures are reused between scrapes. Queue depths and backlogs move quickly and are
 * cheap to read; the complaint counts scan the open complaints (README.md "Cost"), change slowly,
 * and are reused longer.
 */
const TTL_MS: { [S in SourceName]: number } = {
  queues: 5_000,
  outbox: 5_000,
  intake: 5_000,
  sync: 5_000,
  complaints: 30_000,
};
/** A source slower than this is reported as failed (scrape_error), so a scrape answers in time. */
const SOURCE_TIMEOUT_MS = 5_000;

/**
 * The Prometheus exposition of the bridge: this process's own figures (prom-client's default
 * metrics) and the figures of the work in Postgres and Redis, read at scrape time through the
 * owning modules' services (STYLE.md habit 1) and cached briefly (cached-source.ts).
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  private readonly gauges = new MetricGauges();
  /** Sources failing at their last read: a failure is logged when it starts and when it ends. */
  private readonly failing = new Set<SourceName>();

  private readonly sources = {
    queues: this.source('queues', () => this.queueFigures()),
    outbox: this.source('outbox', () => this.outbox.backlog(this.dataSource)),
    intake: this.source('intake', () => this.cursorFigures()),
    sync: this.source('sync', () => this.syncItems.statusByMission()),
    complaints: this.source('complaints', () => this.complaints.openByMissionAndStatus()),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly outbox: OutboxService,
    private readonly cursors: PollCursorService,
    private readonly syncItems: SyncItemsService,
    private readonly complaints: ComplaintMetricsService,
  ) {
    collectDefaultMetrics({ register: this.gauges.registry, prefix: METRIC_PREFIX });
  }

  get contentType(): string {
    return this.gauges.registry.contentType;
  }

  /** The text exposition. Never fails for a source that cannot be read: scrape_error says which. */
  async scrape(): Promise<string> {
    const s = this.sources;
    const [queues, outbox, intake, sync, complaints] = await Promise.all([
      s.queues.read(),
      s.outbox.read(),
      s.intake.read(),
      s.sync.read(),
      s.complaints.read(),
    ]);
    const now = Date.now();
    if (this.settle('queues', queues)) this.gauges.queues(queues.value, now);
    if (this.settle('outbox', outbox)) this.gauges.outbox(outbox.value);
    if (this.settle('intake', intake)) this.gauges.intake(intake.value, now);
    if (this.settle('sync', sync)) this.gauges.sync(sync.value);
    if (this.settle('complaints', complaints)) this.gauges.complaints(complaints.value);
    return this.gauges.registry.metrics();
  }

  private source<T>(name: SourceName, load: () => Promise<T>): CachedSource<T> {
    return new CachedSource(name, TTL_MS[name], SOURCE_TIMEOUT_MS, load);
  }

  private settle<T>(name: SourceName, read: SourceRead<T>): read is SourceRead<T> & { ok: true } {
    this.gauges.outcome(name, read.ok, read.seconds);
    if (!read.ok && !this.failing.has(name)) {
      this.failing.add(name);
      this.logger.warn(`metrics: ${name} cannot be read (${read.error.message}); left out of /metrics`);
    } else if (read.ok && this.failing.delete(name)) {
      this.logger.log(`metrics: ${name} can be read again`);
    }
    return read.ok;
  }

  /** Per queue: jobs by state and when the oldest waiting job became due. */
  private queueFigures(): Promise<QueueFigures[]> {
    return Promise.all(
      QUEUE_NAMES.map(async (queue) => {
        const q = this.queues.queue(queue);
        const [counts, [oldest]] = await Promise.all([q.getJobCounts(...JOB_STATES), q.getWaiting(0, 0)]);
        return {
          queue,
          counts: counts as QueueFigures['counts'],
          oldestWaitingDueAt: oldest ? oldest.timestamp + (oldest.delay ?? 0) : null,
        };
      }),
    );
  }

  private async cursorFigures(): Promise<CursorFigures[]> {
    return [...(await this.cursors.read()).values()].map((c) => ({
      cursor: c.name,
      cursorAt: c.cursorAt,
      lastSuccessAt: c.lastSuccessAt,
    }));
  }
}
