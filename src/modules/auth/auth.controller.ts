import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from './auth.decorators';
import type { Principal } from './principal';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/auth')
export class AuthController {
  @Get('whoami')
  @ApiOperation({ summary: 'The caller as the bridge sees it: role and mission scope of the token' })
  @ApiOkResponse({ description: '{ tokenId, name, role, missionCode }' })
  @ApiUnauthorizedResponse({ description: 'AUTH_REQUIRED or AUTH_INVALID_TOKEN (problem+json)' })
  whoami(@CurrentPrincipal() p: Principal) {
    return { tokenId: p.id, name: p.name, role: p.role, missionCode: p.missionCode };
  }
}
