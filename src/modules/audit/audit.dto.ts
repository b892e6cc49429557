import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageLimit } from '../../core/http/page-limit.decorator';

/** GET /api/v1/admin/audit: every filter optional; newest first. */
export class AuditQueryDto {
  @ApiPropertyOptional({ description: "who: e.g. 'token:<uuid>', 'cli:<os user>', 'system'" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'token.revoke', description: 'a dotted action name' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/, { message: 'must be an action such as token.revoke' })
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'entries about this complaint' })
  @IsOptional()
  @IsUUID('all')
  complaintId?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'ISO 8601; entries at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-02-01T00:00:00Z', description: 'ISO 8601; entries at or before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be the nextCursor of a previous page' })
  cursor?: string;
}

export class AuditEntryDto {
  @ApiProperty({ example: '42' })
  id: string;

  @ApiProperty({ example: 'token:7c1e0d7e-0b5e-4f47-9d7a-0f4c7f0e2a11' })
  actor: string;

  @ApiProperty({ example: 'token.revoke' })
  action: string;

  @ApiProperty({ nullable: true, format: 'uuid', type: String })
  complaintId: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'token:5f0b…' })
  subject: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'ids and facts, no personal data' })
  payload: Record<string, unknown>;

  @ApiProperty({ nullable: true, type: String })
  correlationId: string | null;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  data: AuditEntryDto[];

  @ApiProperty({ nullable: true, type: String, description: 'pass as ?cursor= for the next page' })
  nextCursor: string | null;
}
