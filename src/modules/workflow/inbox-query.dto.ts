import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  COMPLAINT_STATUSES,
  PRIORITIES,
  type ComplaintStatus,
  type Priority,
} from '../complaints/complaint.types';
import { INBOX_SORTS, type InboxSort } from '../complaints/complaint-query.service';
import { PageLimit } from '../../core/http/page-limit.decorator';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** GET /api/v1/complaints (SPEC.md "HTTP API"): filters, sort and cursor. */
export class InboxQueryDto {
  @ApiPropertyOptional({
    description: 'one or more statuses, comma-separated',
    example: 'assigned,acknowledged',
  })
  @IsOptional()
  @Transform(list)
  @IsIn(COMPLAINT_STATUSES, { each: true })
  status?: ComplaintStatus[];

  @ApiPropertyOptional({ description: 'a mission or desk code (handlers and supervisors: within their own)' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'must be a mission code' })
  mission?: string;

  @ApiPropertyOptional({ description: 'LAPOR! category id or name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;

  @ApiPropertyOptional({ example: 'complaint' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  classification?: string;

  @ApiPropertyOptional({ description: 'normal, high, urgent; comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];

  @ApiPropertyOptional({ description: 'true: an SLA clock of the current cycle is breached' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({ description: 'true: escalated to a supervisor or the ministry' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ description: 'the LAPOR! complaint id' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  laporId?: string;

  @ApiPropertyOptional({ description: 'words searched in title and content (prefixes match)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/[\p{L}\p{N}]/u, { message: 'must contain a word' })
  q?: string;

  @ApiPropertyOptional({
    description: 'received on or after: a date (WIB) or an ISO date-time',
    example: '2026-11-01',
  })
  @IsOptional()
  @Matches(DATE, { message: 'must be YYYY-MM-DD or an ISO 8601 date-time with offset' })
  from?: string;

  @ApiPropertyOptional({ description: 'received on or before this date (WIB), or before this date-time' })
  @IsOptional()
  @Matches(DATE, { message: 'must be YYYY-MM-DD or an ISO 8601 date-time with offset' })
  to?: string;

  @ApiPropertyOptional({
    enum: INBOX_SORTS,
    default: 'newest',
    description: 'due = the SLA deadline soonest',
  })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort?: InboxSort;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}
