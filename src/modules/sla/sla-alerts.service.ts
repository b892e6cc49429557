import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { correlationId } from '../../core/http/correlation';
import { OutboxService } from '../../core/queue/outbox.service';
import { JobName, type NotificationKind } from '../../core/queue/queue.contract';
import { MINISTRY_OFFICE } from '../complaints/complaint-scope';
import { ComplaintSlaService, type SlaComplaint } from '../complaints/complaint-sla.service';
import { ComplaintWorkflowService } from '../complaints/complaint-workflow.service';
import type { CalendarSet } from './calendar.service';
import { nextOfficeOpening } from './calendar/working-time';
import type { StoredClock } from './sla-clock-rows';

export interface AlertTally {
  warnings: number;
  breaches: number;
  escalations: number;
}

/**
 * What a clock whose threshold has passed sets off (SPEC.md "Warnings and escalation"): a warning at
 * 75%, the breach, and for the first follow-up the escalation ladder (breach → the mission's
 * supervisor, twice the limit → the ministry). A mission hears of it inside its office hours only,
 * except for `urgent` complaints. Imported (backfilled) history is measured but never alerts. The
 * caller (the sweep) stores the clock's new bookkeeping.
 */
@Injectable()
export class SlaAlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintSlaService,
    private readonly workflow: ComplaintWorkflowService,
    private readonly outbox: OutboxService,
  ) {}

  async alert(
    k: StoredClock,
    c: SlaComplaint,
    cals: CalendarSet,
    now: Date,
    tally: AlertTally,
  ): Promise<void> {
    const quiet = c.imported;
    if (k.dueAt && k.dueAt <= now && !k.breachNotifiedAt) {
      k.state = 'breached';
      k.breachedAt = k.dueAt;
      k.breachNotifiedAt = now;
      k.warnedAt ??= now;
      await this.complaints.markBreached(c.id, k.dueAt);
      if (!quiet) {
        await this.notify('sla.breached', k, c, cals, now);
        tally.breaches++;
        if (k.clock === 'first_follow_up' && k.escalatedLevel < 1) {
          k.escalatedLevel = 1;
          const reason = `SLA: no public follow-up within ${k.limitValue} ${k.unit === 'hours' ? 'hours' : 'working days'}`;
          const delay = this.officeDelay(c, cals, now);
          if (await this.workflow.escalateBySla(c.id, 1, reason, correlationId(), k, delay))
            tally.escalations++;
        }
      }
    } else if (k.warnAt && k.warnAt <= now && !k.warnedAt) {
      k.warnedAt = now;
      if (!quiet) {
        await this.notify('sla.warning', k, c, cals, now);
        tally.warnings++;
      }
    }
    if (k.clock === 'first_follow_up' && k.doubleAt && k.doubleAt <= now && k.escalatedLevel < 2) {
      k.escalatedLevel = 2;
      if (!quiet) {
        const reason = `SLA: no public follow-up within twice the limit (${k.limitValue * 2} ${k.unit === 'hours' ? 'hours' : 'working days'})`;
        const delay = this.officeDelay(c, cals, now);
        if (await this.workflow.escalateBySla(c.id, 2, reason, correlationId(), k, delay))
          tally.escalations++;
      }
    }
  }

  /** Until the office next opens (its calendar and office hours); 0 for urgent complaints. */
  private officeDelay(c: SlaComplaint, cals: CalendarSet, now: Date): (office: string) => number {
    return (office) =>
      c.priority === 'urgent'
        ? 0
        : Math.max(0, nextOfficeOpening(cals.mission(office), now).getTime() - now.getTime());
  }

  /** To the mission (or the ministry desk), inside its office hours unless the complaint is urgent. */
  private async notify(
    kind: NotificationKind,
    k: StoredClock,
    c: SlaComplaint,
    cals: CalendarSet,
    now: Date,
  ) {
    const office = c.missionCode ?? MINISTRY_OFFICE;
    const delayMs = this.officeDelay(c, cals, now)(office);
    await this.outbox.enqueue(
      this.dataSource.manager,
      JobName.NotificationDeliver,
      {
        correlationId: correlationId(),
        kind,
        missionCode: office,
        complaintId: c.id,
        priority: c.priority,
        facts: { cycle: k.cycle, limit: k.limitValue, dueAt: k.dueAt ? k.dueAt.getTime() : null },
        dedupeKey: `${kind}-${c.id}-${k.cycle}-${k.clock}-${k.startedAt.getTime()}`,
      },
      { delayMs },
    );
  }
}
