import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf } from '../auth/principal';
import { ComplaintQueryService } from '../complaints/complaint-query.service';
import { decodeDeadLetterCursor, encodeDeadLetterCursor, toDeadLetter } from '../sync/dead-letters.dto';
import { DeadLetterNotFoundError, SyncItemsService } from '../sync/sync-items.service';
import { checkedKeyset, decodeKeyset, encodeKeyset, PAGE, UUID } from './console-admin-forms';
import { ConsoleRedirect, signedIn, type ConsoleRequest } from './console-context';
import { ConsoleController, ConsoleRoles } from './console.guard';
import { ConsoleViews } from './console-views.service';

/**
 * What went wrong between the bridge and LAPOR! (SPEC.md "Users": operations, dead letters): the
 * follow-ups and status changes that could not be delivered, with a retry, and the complaints
 * quarantined for LAPOR! codes the bridge does not know.
 */
@ApiExcludeController()
@ConsoleController()
@ConsoleRoles('admin')
@Controller('console/admin')
export class ConsoleAdminSyncController {
  constructor(
    private readonly items: SyncItemsService,
    private readonly complaints: ComplaintQueryService,
    private readonly views: ConsoleViews,
  ) {}

  /** What GET /api/v1/admin/dead-letters lists: open ones by default, `?all=1` for retried ones too. */
  @Get('dead-letters')
  async deadLetters(@Req() req: ConsoleRequest, @Res() res: Response) {
    const all = req.query.all === '1';
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor.slice(0, 200) : undefined;
    const rows = await this.items.deadLetters({
      open: all ? undefined : true,
      limit: PAGE + 1,
      after: cursor ? checkedKeyset(decodeDeadLetterCursor(cursor)) : undefined,
    });
    const page = rows.slice(0, PAGE);
    const next = rows.length > PAGE ? encodeDeadLetterCursor(page[page.length - 1]) : null;
    this.views.page(req, res, 'admin-dead-letters', {
      rows: page.map(toDeadLetter),
      all,
      nextHref: next ? `/console/admin/dead-letters?${all ? 'all=1&' : ''}cursor=${next}` : null,
    });
  }

  @Post('dead-letters/:id/retry')
  async retry(@Req() req: ConsoleRequest, @Param('id') id: string) {
    // Postgres refuses what is not a uuid (a 500): such an id names no dead letter.
    if (!UUID.test(id)) throw new DeadLetterNotFoundError(id);
    await this.items.retry(id, actorOf(signedIn(req).principal));
    throw new ConsoleRedirect('/console/admin/dead-letters?done=deadLetterRetried');
  }

  /** What GET /api/v1/admin/quarantine lists: complaints with LAPOR! codes the bridge does not know. */
  @Get('quarantine')
  async quarantine(@Req() req: ConsoleRequest, @Res() res: Response) {
    const after = decodeKeyset(req.query.cursor);
    const rows = await this.complaints.quarantined(after, PAGE + 1);
    const page = rows.slice(0, PAGE);
    const last = page[page.length - 1];
    const next = rows.length > PAGE && last ? encodeKeyset(last.at_text, last.id) : null;
    this.views.page(req, res, 'admin-quarantine', {
      rows: page,
      nextHref: next ? `/console/admin/quarantine?cursor=${next}` : null,
    });
  }
}
