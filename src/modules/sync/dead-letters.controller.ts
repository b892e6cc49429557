import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { actorOf, type Principal } from '../auth/principal';
import {
  DeadLetterQueryDto,
  decodeDeadLetterCursor,
  encodeDeadLetterCursor,
  toDeadLetter,
} from './dead-letters.dto';
import { SyncItemsService } from './sync-items.service';

/** Sync items that failed for good (issue 6), and the admin's retry. */
@ApiTags('sync')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly items: SyncItemsService) {}

  @Get()
  @ApiOperation({
    summary: 'Dead letters, newest first: the item, the reason, attempts, last error and the next step',
  })
  @ApiOkResponse({ description: '{ data: [dead letter], nextCursor }' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (each field listed)' })
  async list(@Query() q: DeadLetterQueryDto) {
    const limit = q.limit ?? 50;
    const rows = await this.items.deadLetters({
      open: q.open,
      mission: q.mission,
      limit: limit + 1,
      after: q.cursor ? decodeDeadLetterCursor(q.cursor) : undefined,
    });
    const page = rows.slice(0, limit);
    return {
      data: page.map(toDeadLetter),
      nextCursor: rows.length > limit ? encodeDeadLetterCursor(page[page.length - 1]) : null,
    };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Retry: the item is sent again (after looking whether an earlier attempt landed), with a fresh retry period',
  })
  @ApiOkResponse({ description: 'the dead letter, now retried' })
  @ApiNotFoundResponse({ description: 'DEAD_LETTER_NOT_FOUND' })
  @ApiConflictResponse({ description: 'DEAD_LETTER_ALREADY_RETRIED' })
  async retry(@Param('id') id: string, @CurrentPrincipal() who: Principal) {
    return toDeadLetter(await this.items.retry(id, actorOf(who)));
  }
}
