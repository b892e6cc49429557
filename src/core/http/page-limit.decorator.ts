import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Largest page any list serves. */
export const MAX_PAGE = 200;

/**
 * The `limit` query parameter of a cursor-paged list (SPEC.md "HTTP API": `?limit=&cursor=`): a whole
 * number from 1 to 200, `defaultLimit` when absent (the service applies it). Cursors differ per list.
 */
export function PageLimit(defaultLimit = 50): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: defaultLimit }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE),
  );
}
