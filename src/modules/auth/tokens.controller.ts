import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { actorOf, type Principal } from './principal';
import { TokenService, tokenView } from './token.service';
import { CreateTokenDto, CreatedTokenDto, TokenDto, TokenListQueryDto, TokenPageDto } from './tokens.dto';

/** Token administration (SPEC.md "Users": admins manage tokens). Issue and revocation are audited. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'AUTH_REQUIRED or AUTH_INVALID_TOKEN' })
@ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: admins only' })
@ApiTooManyRequestsResponse({ description: 'RATE_LIMITED (Retry-After)' })
@Roles('admin')
@Controller('api/v1/admin/tokens')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Get()
  @ApiOperation({ summary: 'Every API token, newest first: role, scope, prefix, last use — never the token' })
  @ApiOkResponse({ type: TokenPageDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  list(@Query() q: TokenListQueryDto): Promise<TokenPageDto> {
    return this.tokens.list({ limit: q.limit ?? 100, cursor: q.cursor });
  }

  @Post()
  @ApiOperation({ summary: 'Issue a token; the response is the only time the token itself is shown' })
  @ApiCreatedResponse({ type: CreatedTokenDto })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED (also expiresAt in the past), TOKEN_MISSION_REQUIRED (handler, supervisor), ' +
      'TOKEN_MISSION_NOT_ALLOWED (monitor, admin), MISSION_NOT_FOUND',
  })
  async create(@Body() body: CreateTokenDto, @CurrentPrincipal() who: Principal): Promise<CreatedTokenDto> {
    const { token, record } = await this.tokens.create(
      {
        role: body.role,
        missionCode: body.missionCode,
        name: body.name,
        expiresAt: body.expiresAt === undefined ? null : new Date(body.expiresAt),
      },
      actorOf(who),
    );
    return { ...tokenView(record), token };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a token: its next request gets 401. Revoking it again changes nothing (200)',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiNotFoundResponse({ description: 'TOKEN_NOT_FOUND' })
  async revoke(@Param('id') id: string, @CurrentPrincipal() who: Principal): Promise<TokenDto> {
    return tokenView(await this.tokens.revoke(id, actorOf(who)));
  }
}
