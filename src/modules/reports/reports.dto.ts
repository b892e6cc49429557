import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsInstant } from '../../core/http/date-validators';
import { PageLimit } from '../../core/http/page-limit.decorator';
import { REGIONS } from '../missions/regions';

const MISSION = /^[a-z0-9-]{2,40}$/;

/** The selection every report takes (SPEC.md "KPI report"). */
export class ReportQueryDto {
  @ApiPropertyOptional({
    description: 'First LAPOR! disposition date (WIB), inclusive',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    description: 'Last LAPOR! disposition date (WIB), inclusive',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'One office (mission or desk code)', example: 'tokyo' })
  @IsOptional()
  @Matches(MISSION, { message: 'must be a mission code' })
  mission?: string;

  @ApiPropertyOptional({
    enum: [...REGIONS, 'Lainnya'],
    description: 'The ministry region (missions list: region)',
  })
  @IsOptional()
  @IsIn([...REGIONS, 'Lainnya'])
  region?: string;

  @ApiPropertyOptional({
    description: 'Figures as they stood at this instant (ISO 8601); now when absent',
    example: '2026-06-30T17:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class PekpppQueryDto {
  @ApiProperty({ description: 'The year of LAPOR! disposition (WIB)', example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'must be a year' })
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ description: 'One office (mission or desk code)', example: 'tokyo' })
  @IsOptional()
  @Matches(MISSION, { message: 'must be a mission code' })
  mission?: string;
}

export class BreachQueryDto {
  @ApiPropertyOptional({ description: 'One office (mission or desk code)', example: 'tokyo' })
  @IsOptional()
  @Matches(MISSION, { message: 'must be a mission code' })
  mission?: string;

  @ApiPropertyOptional({ enum: [...REGIONS, 'Lainnya'] })
  @IsOptional()
  @IsIn([...REGIONS, 'Lainnya'])
  region?: string;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** One open breach, as the breach list shows it (no reporter, no complaint text). */
export interface BreachView {
  complaintId: string;
  laporId: string | null;
  trackingId: string | null;
  missionCode: string | null;
  missionName: string | null;
  region: string;
  clock: string;
  cycle: number;
  priority: string | null;
  status: string | null;
  escalationLevel: number | null;
  dueAt: string;
  breachedAt: string;
  overdueHours: number;
}
