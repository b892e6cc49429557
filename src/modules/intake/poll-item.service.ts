import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { UpstreamComplaint, UpstreamFollowUp } from '../../integrations/lapor/lapor.types';
import { snapshotHash } from '../complaints/upstream-snapshot';
import type { DeliverySource } from './inbound-delivery.entity';
import { IntakeService, type IngestOutcome } from './intake.service';

export type ItemOutcome = IngestOutcome | 'rejected';

/**
 * Postgres refused the item's data itself (SQLSTATE class 22 "data exception", class 54 "program
 * limit exceeded" — an id too long for its index, a text too long for the search index — or a
 * constraint of class 23 other than a unique race): trying again cannot help, so it is this one
 * item's problem. Returns the SQLSTATE, else null.
 */
export function isDataError(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null;
  const code =
    (e as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ??
    (e as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  return /^(22|54)/.test(code) || (/^23/.test(code) && code !== '23505') ? code : null;
}

/**
 * One inbox item through the one ingest path, for polls and backfill. "One bad item never fails
 * its page": an item LAPOR! sent that cannot be mapped, or that the database refuses, is recorded
 * as rejected (inbound_deliveries, outcome `rejected`, reason without values) and the page goes on.
 * Anything else (the database is down, a deadlock) fails the page, to be retried.
 */
@Injectable()
export class PollItemService {
  constructor(private readonly intake: IntakeService) {}

  /**
   * `<laporId>@<updated_at>~<content hash>`: an item seen again by an overlapping window is a cheap
   * duplicate. LAPOR!'s updated_at has whole seconds, so the hash keeps two different states of one
   * second apart (a change made within the second of the previous read would otherwise be lost).
   */
  static deliveryKey(c: UpstreamComplaint): string {
    return `${c.laporId}@${c.updatedAt.toISOString()}~${snapshotHash(c).slice(0, 16)}`;
  }

  async ingest(
    source: Extract<DeliverySource, 'poll' | 'backfill'>,
    c: UpstreamComplaint,
    opts: { eventType: string; followUps?: UpstreamFollowUp[]; imported?: boolean },
  ): Promise<ItemOutcome> {
    const deliveryKey = PollItemService.deliveryKey(c);
    try {
      const r = await this.intake.ingest({
        source,
        deliveryKey,
        laporId: c.laporId,
        eventType: opts.eventType,
        complaint: c,
        followUps: opts.followUps,
        imported: opts.imported,
      });
      return r.outcome;
    } catch (e) {
      const code = isDataError(e);
      if (!code) throw e;
      await this.intake.recordRejected(
        source,
        `${deliveryKey}#ingest`,
        c.laporId,
        `the database refused the item (SQLSTATE ${code})`,
      );
      return 'rejected';
    }
  }

  /**
   * An item of a page that could not be mapped. Keyed by LAPOR! id and reason, so the same broken
   * item read again by overlapping windows is recorded once; without an id, by where it was read.
   */
  async reject(
    source: Extract<DeliverySource, 'poll' | 'backfill'>,
    r: { index: number; laporId: string | null; reason: string },
    where: string,
  ): Promise<void> {
    const reasonHash = createHash('sha256').update(r.reason).digest('hex').slice(0, 16);
    const key = r.laporId ? `${r.laporId}@rejected-${reasonHash}` : `${where}#${r.index}@rejected`;
    await this.intake.recordRejected(source, key, r.laporId, r.reason);
  }
}
