import { Injectable } from '@nestjs/common';
import { SlaQueryService, type FactRow } from '../sla/sla-query.service';

const PAGE = 10_000;
/** Times are stored as seconds since this instant (2000-01-01 UTC) in 32-bit slots; 0 means "none". */
const BASE_S = 946_684_800;
const WIB_OFFSET_S = 7 * 3600;

/** Interns strings (mission codes, categories, statuses) as small integers. */
class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  id(v: string | null): number {
    const key = v ?? '';
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(key);
      this.index.set(key, i);
    }
    return i;
  }

  get(i: number): string | null {
    return this.values[i] || null;
  }
}

/**
 * An in-process, columnar copy of sla_facts (one slot per complaint), kept current by reading what
 * changed since the last read (sla_facts.seq). The KPI and SLA reports scan it: a million complaints
 * in typed arrays take about 60 MB and a scan plus the percentile sorts takes tens of milliseconds,
 * where the same aggregates in SQL take about a second (the percentiles sort every row). Each API
 * replica keeps its own copy; a report first catches up with Postgres, so it is never staler than
 * the last sweep.
 */
@Injectable()
export class KpiReadModel {
  /** One past the highest slot in use (slot = sla_facts.row_no; a gap left by a rolled-back insert stays empty). */
  private size = 0;
  private capacity = 0;
  private lastSeq = '0';
  private refreshing: Promise<void> | null = null;
  /** Rows read per query while catching up. */
  pageSize = PAGE;

  readonly missions = new Dictionary();
  readonly categories = new Dictionary();
  readonly classifications = new Dictionary();
  readonly statuses = new Dictionary();
  readonly priorities = new Dictionary();

  mission = new Uint16Array(0);
  category = new Uint16Array(0);
  classification = new Uint8Array(0);
  status = new Uint8Array(0);
  priority = new Uint8Array(0);
  imported = new Uint8Array(0);
  /** Disposition month, WIB: months since 2000-01. A slot whose disposition is 0 is empty. */
  month = new Uint16Array(0);
  received = new Uint32Array(0);
  disposition = new Uint32Array(0);
  closed = new Uint32Array(0);
  ackDue = new Uint32Array(0);
  ackAt = new Uint32Array(0);
  fuDue = new Uint32Array(0);
  fuAt = new Uint32Array(0);
  completionDue = new Uint32Array(0);
  completedAt = new Uint32Array(0);
  fuDays = new Float64Array(0);
  fuWorkingDays = new Float64Array(0);

  constructor(private readonly sla: SlaQueryService) {}

  get count(): number {
    return this.size;
  }

  /** Catches up with sla_facts (one refresh at a time; concurrent callers share it). */
  refresh(): Promise<void> {
    if (!this.refreshing)
      this.refreshing = this.catchUp().finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** Seconds (absolute, since 1970) ↔ the 32-bit slot value. */
  static toSlot(epochS: number | null): number {
    return epochS === null ? 0 : Math.max(1, epochS - BASE_S);
  }

  static fromSlot(v: number): number | null {
    return v === 0 ? null : v + BASE_S;
  }

  static monthKey(epochS: number): number {
    const d = new Date((epochS + WIB_OFFSET_S) * 1000);
    return (d.getUTCFullYear() - 2000) * 12 + d.getUTCMonth();
  }

  static monthLabel(key: number): string {
    return `${2000 + Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const rows = await this.sla.factsSince(this.lastSeq, this.pageSize);
      for (const r of rows) this.put(r);
      if (rows.length) this.lastSeq = rows[rows.length - 1].seq;
      if (rows.length < this.pageSize) return;
    }
  }

  private put(r: FactRow): void {
    const i = r.row_no;
    while (i >= this.capacity) this.grow();
    if (i >= this.size) this.size = i + 1;
    this.mission[i] = this.missions.id(r.mission_code);
    this.category[i] = this.categories.id(r.category_id);
    this.classification[i] = this.classifications.id(r.classification);
    this.status[i] = this.statuses.id(r.status);
    this.priority[i] = this.priorities.id(r.priority);
    this.imported[i] = r.imported ? 1 : 0;
    this.month[i] = KpiReadModel.monthKey(r.dispositioned_at);
    this.received[i] = KpiReadModel.toSlot(r.received_at);
    this.disposition[i] = KpiReadModel.toSlot(r.dispositioned_at);
    this.closed[i] = KpiReadModel.toSlot(r.closed_at);
    this.ackDue[i] = KpiReadModel.toSlot(r.ack_due_at);
    this.ackAt[i] = KpiReadModel.toSlot(r.acknowledged_at);
    this.fuDue[i] = KpiReadModel.toSlot(r.follow_up_due_at);
    this.fuAt[i] = KpiReadModel.toSlot(r.followed_up_at);
    this.completionDue[i] = KpiReadModel.toSlot(r.completion_due_at);
    this.completedAt[i] = KpiReadModel.toSlot(r.completed_at);
    this.fuDays[i] = r.follow_up_days ?? NaN;
    this.fuWorkingDays[i] = r.follow_up_working_days ?? NaN;
  }

  private grow(): void {
    const next = Math.max(1024, this.capacity * 2);
    const fields = [
      'mission',
      'category',
      'classification',
      'status',
      'priority',
      'imported',
      'month',
      'received',
      'disposition',
      'closed',
      'ackDue',
      'ackAt',
      'fuDue',
      'fuAt',
      'completionDue',
      'completedAt',
      'fuDays',
      'fuWorkingDays',
    ] as const;
    for (const f of fields) {
      const old = this[f];
      const Ctor = old.constructor as new (n: number) => typeof old;
      const arr = new Ctor(next);
      (arr as unknown as { set(a: ArrayLike<number>): void }).set(old);
      (this as unknown as Record<string, unknown>)[f] = arr;
    }
    this.capacity = next;
  }
}
