import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { ResponseTemplateEntity } from './response-template.entity';
import {
  PLACEHOLDERS,
  TEMPLATE_ACTIONS,
  placeholdersIn,
  TEMPLATE_LANGS,
  type TemplateAction,
  type TemplateLang,
} from './template-render';
import { TEMPLATE_CODE_RE } from './templates.seeder';

const PLACEHOLDER_HELP = `placeholders {{name}} from: ${PLACEHOLDERS.join(', ')}`;

/** POST /api/v1/templates (admins). */
export class CreateTemplateDto {
  @ApiProperty({ example: 'followup-visa-progress', pattern: TEMPLATE_CODE_RE.source })
  @Matches(TEMPLATE_CODE_RE, { message: 'must be 2–60 lowercase letters, digits or dashes' })
  code: string;

  @ApiProperty({ enum: TEMPLATE_ACTIONS })
  @IsIn(TEMPLATE_ACTIONS)
  action: TemplateAction;

  @ApiProperty({ maxLength: 200, description: 'title in Bahasa Indonesia' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  titleId: string;

  @ApiProperty({ maxLength: 200, description: 'title in English' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  titleEn: string;

  @ApiProperty({ maxLength: 5000, description: `body in Bahasa Indonesia; ${PLACEHOLDER_HELP}` })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  bodyId: string;

  @ApiProperty({ maxLength: 5000, description: `body in English; ${PLACEHOLDER_HELP}` })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  bodyEn: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** PATCH /api/v1/templates/{code} (admins): any of the texts and `active`; the row is then kept on re-seeding. */
export class UpdateTemplateDto extends PartialType(
  OmitType(CreateTemplateDto, ['code', 'action'] as const),
) {}

export class TemplateListQueryDto {
  @ApiPropertyOptional({ enum: TEMPLATE_ACTIONS })
  @IsOptional()
  @IsIn(TEMPLATE_ACTIONS)
  action?: TemplateAction;

  @ApiPropertyOptional({ description: 'admins only: list retired (inactive) templates too' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

/** POST /api/v1/templates/{code}/render. */
export class RenderTemplateDto {
  @ApiProperty({ format: 'uuid', description: 'a complaint the caller may see (otherwise 404)' })
  @IsString()
  @MaxLength(100)
  complaintId: string;

  @ApiProperty({ enum: TEMPLATE_LANGS })
  @IsIn(TEMPLATE_LANGS)
  lang: TemplateLang;
}

export class TemplateViewDto {
  @ApiProperty({ example: 'ack-standard' }) code: string;
  @ApiProperty({ enum: TEMPLATE_ACTIONS }) action: TemplateAction;
  @ApiProperty() titleId: string;
  @ApiProperty() titleEn: string;
  @ApiProperty() bodyId: string;
  @ApiProperty() bodyEn: string;
  @ApiProperty({ type: [String], description: 'the placeholders the texts use' }) placeholders: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'edited or created by an admin: re-seeding leaves it alone' })
  adminEdited: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'the admin token that last changed it' })
  updatedBy: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TemplateListDto {
  @ApiProperty({ type: [TemplateViewDto] }) data: TemplateViewDto[];
}

export class RenderedTemplateDto {
  @ApiProperty() code: string;
  @ApiProperty({ enum: TEMPLATE_LANGS }) lang: TemplateLang;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({
    type: [String],
    description: 'placeholders left for the handler to fill in (e.g. targetInstitution)',
  })
  unfilled: string[];
}

export function toTemplateView(t: ResponseTemplateEntity): TemplateViewDto {
  const texts = [t.titleId, t.titleEn, t.bodyId, t.bodyEn].join('\n');
  return {
    code: t.code,
    action: t.action,
    titleId: t.titleId,
    titleEn: t.titleEn,
    bodyId: t.bodyId,
    bodyEn: t.bodyEn,
    placeholders: placeholdersIn(texts),
    active: t.active,
    adminEdited: t.adminEdited,
    updatedBy: t.updatedBy,
    updatedAt: t.updatedAt.toISOString(),
  };
}
