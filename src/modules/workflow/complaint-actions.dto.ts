import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const TEXT_MAX = 10_000;
const REASON_MAX = 2_000;
const TEMPLATE = /^[a-z0-9][a-z0-9-]{0,63}$/;

class WithTemplate {
  @ApiPropertyOptional({
    description: 'the response template the text started from',
    example: 'ack-standard',
  })
  @IsOptional()
  @Matches(TEMPLATE, { message: 'must be a template code' })
  templateCode?: string;
}

export class AcknowledgeDto {
  @ApiPropertyOptional({ description: 'an internal note kept with the event' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  note?: string;
}

export class FollowUpDto extends WithTemplate {
  @ApiProperty({
    enum: ['public', 'internal'],
    description: 'public is sent to LAPOR! (the reporter reads it)',
  })
  @IsIn(['public', 'internal'])
  visibility: 'public' | 'internal';

  @ApiProperty({ maxLength: TEXT_MAX })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(TEXT_MAX)
  content: string;
}

export class AskReporterDto extends WithTemplate {
  @ApiProperty({ description: 'the question, posted publicly on LAPOR!', maxLength: TEXT_MAX })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(TEXT_MAX)
  content: string;
}

export class ResolveDto extends WithTemplate {
  @ApiProperty({ description: 'what was done; posted publicly on LAPOR!', maxLength: TEXT_MAX })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(TEXT_MAX)
  resolution: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: REASON_MAX })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(REASON_MAX)
  reason: string;
}

export class TransferDto extends ReasonDto {
  @ApiProperty({ description: 'the mission or desk code to hand the complaint to', example: 'osaka' })
  @IsString()
  @IsNotEmpty()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'must be a mission code' })
  missionCode: string;
}

export class RejectDto extends ReasonDto {
  @ApiProperty({ description: 'the LAPOR! institution id whose authority it is', example: '1234' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a LAPOR! institution id' })
  targetInstitutionId: string;
}
