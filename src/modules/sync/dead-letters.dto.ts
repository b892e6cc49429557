import { isPgKeyset } from '../../core/http/pg-keyset';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { ValidationFailedError } from '../../core/http/domain.errors';
import type { DeadLetterRow } from './sync-items.service';
import { PageLimit } from '../../core/http/page-limit.decorator';

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ description: 'true: not retried yet (default: all)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ description: 'the office the complaint was with' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'must be a mission code' })
  mission?: string;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'must be the nextCursor of a previous page' })
  cursor?: string;
}

export function encodeDeadLetterCursor(row: { created_text: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.created_text, row.id])).toString('base64url');
}

export function decodeDeadLetterCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isPgKeyset(v)) return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new ValidationFailedError([
    { field: 'cursor', message: 'must be the nextCursor of a previous page' },
  ]);
}

/** A dead letter as the API shows it: the item, why it died, what to do, whether it was retried. */
export function toDeadLetter(r: DeadLetterRow) {
  return {
    id: r.id,
    syncItemId: r.sync_item_id,
    complaintId: r.complaint_id,
    missionCode: r.mission_code,
    kind: r.kind,
    seq: r.seq,
    reason: r.reason,
    lastError: r.last_error,
    attempts: r.attempts,
    nextStep: r.next_step,
    createdAt: r.created_at,
    retriedAt: r.retried_at,
    retriedBy: r.retried_by,
    itemStatus: r.item_status,
  };
}
