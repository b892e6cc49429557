import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthService, type Readiness } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop answers' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres, Redis and a live worker heartbeat' })
  @ApiOkResponse({ description: 'Every check passed' })
  @ApiServiceUnavailableResponse({ description: 'At least one check failed; the body says which' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const r = await this.health.readiness();
    res.status(r.status === 'ok' ? 200 : 503);
    return r;
  }
}
