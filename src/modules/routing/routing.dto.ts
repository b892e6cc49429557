import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** POST /api/v1/routing/preview (SPEC.md "Resource shapes"): nothing is stored. */
export class RoutingPreviewDto {
  @ApiProperty({ example: 'Paspor hilang di Osaka' })
  @IsString()
  @MaxLength(1000)
  title: string;

  @ApiProperty({ example: 'Paspor saya hilang di stasiun Umeda, Osaka. Bagaimana mengurus SPLP?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50_000)
  content: string;

  @ApiPropertyOptional({ nullable: true, description: 'the structured location, as LAPOR! sends it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  locationText?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'a LAPOR! disposition institution id (routing rule 1)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(64)
  dispositionId?: string | null;
}

export class RoutingPreviewResponseDto {
  @ApiProperty({ example: 'osaka' })
  missionCode: string;

  @ApiProperty({ enum: ['disposition', 'mission-named', 'hq-only', 'place', 'triage'] })
  rule: string;

  @ApiProperty({ type: [String], description: 'the words matched, for the handler' })
  evidence: string[];

  @ApiProperty({ minimum: 0, maximum: 1 })
  confidence: number;

  @ApiPropertyOptional({ description: 'headquarters-only matters: the desk inside hq-djpk' })
  desk?: string;

  @ApiProperty({ enum: ['assigned', 'triage'], description: 'the status routing would give' })
  status: 'assigned' | 'triage';

  @ApiProperty({ enum: ['normal', 'high', 'urgent'] })
  priority: string;
}

/** POST /api/v1/complaints/{id}/reroute. */
export class RerouteDto {
  @ApiPropertyOptional({ description: 'why the admin re-runs the router (kept in the timeline)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
