import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsCalendarDate } from '../../core/http/date-validators';
import type { MissionDay } from './mission-calendar.port';

/** More than a year of days in one request is a mistake (a whole calendar goes through the holidays API). */
const MAX_DAYS = 366;

@ValidatorConstraint({ name: 'notAlsoAdded' })
class NotAlsoAdded implements ValidatorConstraintInterface {
  validate(remove: unknown, args?: ValidationArguments): boolean {
    const add = (args?.object as { add?: unknown } | undefined)?.add;
    if (!Array.isArray(remove) || !Array.isArray(add)) return true;
    const added = new Set(add.map((d) => (d as { date?: unknown } | null)?.date));
    return !remove.some((d) => added.has(d));
  }
  defaultMessage(): string {
    return 'must not list a date that add lists too';
  }
}

/** One day of a mission's calendar to have: a closure (office closed) or a workday (open on a holiday). */
export class MissionDayDto {
  @ApiProperty({ example: '2026-12-24', description: 'local date in the mission’s time zone' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: 'Penutupan kantor: pindah gedung' })
  @IsString()
  @Length(1, 200)
  name: string;
}

/**
 * PATCH /api/v1/missions/{code}: `closures` or `workdays`. `add` makes sure each date is there with
 * that name (the same entry again changes nothing); `remove` takes a date away if it is there. Each
 * change is effective-dated like POST/PATCH/DELETE /api/v1/calendars/holidays.
 */
export class MissionDaysEditDto {
  @ApiPropertyOptional({ type: [MissionDayDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DAYS)
  @ArrayUnique((d: MissionDayDto) => d?.date, { message: 'must not list a date twice' })
  @ValidateNested({ each: true })
  @Type(() => MissionDayDto)
  add?: MissionDayDto[];

  @ApiPropertyOptional({ type: [String], example: ['2026-12-24'], description: 'dates to take away' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DAYS)
  @ArrayUnique({ message: 'must not list a date twice' })
  @IsCalendarDate({ each: true })
  @Validate(NotAlsoAdded)
  remove?: string[];
}

/** A closure or workday as GET|PATCH /api/v1/missions/{code} shows it (only these fields). */
export function toMissionDayView(h: MissionDay): MissionDay {
  return {
    id: h.id,
    date: h.date,
    name: h.name,
    source: h.source,
    validFrom: h.validFrom,
    recordedBy: h.recordedBy,
  };
}
