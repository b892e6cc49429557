import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { regionOf } from './regions';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IANAZone } from 'luxon';
import type { MissionEntity, MissionSubdivision, MissionType } from './mission.entity';
import { MissionDaysEditDto } from './mission-calendar.dto';
import type { MissionDay } from './mission-calendar.port';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

@ValidatorConstraint({ name: 'ianaZone' })
class IanaZone implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    return typeof v === 'string' && IANAZone.isValidZone(v);
  }
  defaultMessage(): string {
    return 'must be an IANA time zone such as Asia/Tokyo';
  }
}

@ValidatorConstraint({ name: 'opensBeforeClose' })
class OpensBeforeClose implements ValidatorConstraintInterface {
  validate(close: unknown, args?: ValidationArguments): boolean {
    const open = (args?.object as { open?: unknown } | undefined)?.open;
    return typeof open !== 'string' || typeof close !== 'string' || open < close;
  }
  defaultMessage(): string {
    return 'must be later than open';
  }
}

export class OfficeHoursDto {
  @ApiProperty({ example: '09:00', description: 'opening time in the mission’s own time zone (HH:MM)' })
  @Matches(HHMM, { message: 'must be a time written HH:MM' })
  open: string;

  @ApiProperty({ example: '16:00' })
  @Matches(HHMM, { message: 'must be a time written HH:MM' })
  @Validate(OpensBeforeClose)
  close: string;
}

/** PATCH /api/v1/missions/{code}: every field optional; each one set is kept on re-seeding. */
export class UpdateMissionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'the institution id LAPOR! uses for this office (routing rule 1); null to clear',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'may hold letters, digits, dot, dash and underscore only' })
  laporInstitutionId?: string | null;

  @ApiPropertyOptional({ type: OfficeHoursDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OfficeHoursDto)
  officeHours?: OfficeHoursDto;

  @ApiPropertyOptional({ example: 'Asia/Tokyo' })
  @IsOptional()
  @Validate(IanaZone)
  timezone?: string;

  @ApiPropertyOptional({
    example: [6, 7],
    description: 'ISO weekdays of the host weekend (1 = Monday … 7 = Sunday)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekendDays?: number[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  @ApiPropertyOptional({
    type: MissionDaysEditDto,
    description:
      'Days the office is closed (local events, a move): { add: [{ date, name }], remove: [date] }. Effective-dated; open complaints are recomputed, closed cycles keep their figures.',
  })
  @IsOptional()
  @IsObject({ message: 'must be an object { add, remove }' })
  @ValidateNested()
  @Type(() => MissionDaysEditDto)
  closures?: MissionDaysEditDto;

  @ApiPropertyOptional({
    type: MissionDaysEditDto,
    description:
      'Days the office is open although a holiday list says otherwise (a host or national holiday it works): same shape as closures.',
  })
  @IsOptional()
  @IsObject({ message: 'must be an object { add, remove }' })
  @ValidateNested()
  @Type(() => MissionDaysEditDto)
  workdays?: MissionDaysEditDto;
}

export class MissionListQueryDto {
  @ApiPropertyOptional({ enum: ['KBRI', 'KJRI', 'KRI', 'PTRI', 'KDEI', 'HQ'] })
  @IsOptional()
  @IsIn(['KBRI', 'KJRI', 'KRI', 'PTRI', 'KDEI', 'HQ'])
  type?: MissionType;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 host country', example: 'JP' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code' })
  country?: string;
}

/** A mission or desk as the API shows it. */
export interface MissionView {
  code: string;
  name: string;
  type: MissionType;
  city: string;
  countryIso2: string;
  /** The ministry's region the office reports under (regions.ts). */
  region: string;
  timezone: string;
  weekendDays: number[];
  /** Every country whose complaints this office takes: its host country and side accreditations. */
  jurisdictionCountries: string[];
  /** Countries covered besides the host country (Luxembourg → KBRI Brussels). */
  sideAccreditations: string[];
  subdivisions: MissionSubdivision[];
  laporInstitutionId: string | null;
  officeHours: { open: string; close: string };
  parentCode: string | null;
  notes: string | null;
  adminEditedFields: string[];
  updatedAt: string;
}

/** One mission with its calendar's own days: GET|PATCH /api/v1/missions/{code}. */
export interface MissionDetailView extends MissionView {
  /** Current closures (kind `closure` of the mission's calendar), by date. */
  closures: MissionDay[];
  /** Current workdays (holidays this office works, kind `workday`), by date. */
  workdays: MissionDay[];
}

export function toMissionView(m: MissionEntity): MissionView {
  return {
    code: m.code,
    name: m.name,
    type: m.type,
    city: m.city,
    countryIso2: m.countryIso2,
    region: regionOf(m),
    timezone: m.timezone,
    weekendDays: m.weekendDays,
    jurisdictionCountries: m.jurisdictionCountries,
    sideAccreditations: m.jurisdictionCountries.filter((c) => c !== m.countryIso2),
    subdivisions: m.subdivisions,
    laporInstitutionId: m.laporInstitutionId,
    officeHours: m.officeHours,
    parentCode: m.parentCode,
    notes: m.notes,
    adminEditedFields: m.adminEditedFields,
    updatedAt: m.updatedAt.toISOString(),
  };
}
