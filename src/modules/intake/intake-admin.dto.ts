import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { IsOptional, IsString, MaxLength } from 'class-validator';
import { BACKFILL_MAX_DAYS } from './backfill-range';
import { PageLimit } from '../../core/http/page-limit.decorator';

const DATE_MESSAGE = 'must be a real date written yyyy-mm-dd';

/**
 * POST /api/v1/admin/backfill. Only the shape here; real dates, order and length are checked by
 * backfillRangeErrors(), so every problem of both fields is listed at once.
 */
export class BackfillRequestDto {
  @ApiProperty({ example: '2026-01-01', description: 'first day (WIB), inclusive' })
  @IsString({ message: DATE_MESSAGE })
  @MaxLength(10, { message: DATE_MESSAGE })
  from: string;

  @ApiProperty({
    example: '2026-03-31',
    description: `last day (WIB), inclusive; at most ${BACKFILL_MAX_DAYS} days after from, not after today`,
  })
  @IsString({ message: DATE_MESSAGE })
  @MaxLength(10, { message: DATE_MESSAGE })
  to: string;
}

export class BackfillAcceptedDto {
  @ApiProperty({ description: 'identifies this backfill in the logs and the queue UI' })
  backfillId: string;

  @ApiProperty({ description: 'the first job of the backfill (each page is a job)' })
  jobId: string;

  @ApiProperty()
  from: string;

  @ApiProperty()
  to: string;
}

/** Cursor pagination (SPEC.md "HTTP API"). */
export class QuarantineQueryDto {
  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;
}
