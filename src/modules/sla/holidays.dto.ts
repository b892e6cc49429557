import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, IsInstant } from '../../core/http/date-validators';
import { Type } from 'class-transformer';
import { HOLIDAY_KINDS, type HolidayKind } from './holiday.entity';

const SCOPE = /^(national|[a-z0-9-]{2,40})$/;

export class HolidayListQueryDto {
  @ApiPropertyOptional({
    description: '`national` or a mission code; all scopes when absent',
    example: 'national',
  })
  @IsOptional()
  @Matches(SCOPE, { message: 'must be "national" or a mission code' })
  scope?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    description: 'The calendar as it stood at this instant (effective-dated history); now when absent',
    example: '2026-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class CreateHolidayDto {
  @ApiProperty({ description: '`national` (the Indonesian calendar) or a mission code', example: 'tokyo' })
  @Matches(SCOPE, { message: 'must be "national" or a mission code' })
  scope: string;

  @ApiProperty({ example: '2026-12-24' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({
    enum: HOLIDAY_KINDS,
    description:
      'libur_nasional / cuti_bersama (national scope), closure (a day the office is closed), workday (cancels a holiday for that scope)',
  })
  @IsIn(HOLIDAY_KINDS)
  kind: HolidayKind;

  @ApiProperty({ example: 'Penutupan kantor: pemadaman listrik' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class UpdateHolidayDto {
  @ApiPropertyOptional({ example: '2026-12-26' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ enum: HOLIDAY_KINDS })
  @IsOptional()
  @IsIn(HOLIDAY_KINDS)
  kind?: HolidayKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

/** A holiday version as the API shows it. */
export interface HolidayView {
  id: string;
  scope: string;
  date: string;
  kind: HolidayKind;
  name: string;
  source: string;
  validFrom: string;
  validTo: string | null;
  recordedBy: string;
  retiredBy: string | null;
}
