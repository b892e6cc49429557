import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { ROLES, type Role } from './role';
import { PageLimit } from '../../core/http/page-limit.decorator';

/** POST /api/v1/admin/tokens. */
export class CreateTokenDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    example: 'tokyo',
    description: 'required for handler and supervisor, refused otherwise',
  })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'missionCode must be a mission code' })
  missionCode?: string;

  @ApiPropertyOptional({ example: 'KBRI Tokyo intake script', description: 'a label to tell tokens apart' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'ISO 8601, in the future; never expires without it',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

/** GET /api/v1/admin/tokens. */
export class TokenListQueryDto {
  @PageLimit(100)
  limit?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsUUID('all', { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

/** A token as admins see it: never the token or its hash. */
export class TokenDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'handler@tokyo' })
  name: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ nullable: true, type: String, example: 'tokyo' })
  missionCode: string | null;

  @ApiProperty({ example: 'lbt_Ab3dE6', description: 'the first 10 characters of the token' })
  tokenPrefix: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'to the minute' })
  lastUsedAt: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  expiresAt: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  revokedAt: string | null;
}

export class CreatedTokenDto extends TokenDto {
  @ApiProperty({ example: 'lbt_…', description: 'the token itself: shown only in this response' })
  token: string;
}

export class TokenPageDto {
  @ApiProperty({ type: [TokenDto] })
  data: TokenDto[];

  @ApiProperty({ nullable: true, type: String, description: 'pass as ?cursor= for the next page' })
  nextCursor: string | null;
}
