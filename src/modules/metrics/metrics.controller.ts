import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ConfigService } from '../../core/config/config.service';
import { safeEqual } from '../../core/crypto/token-hash';
import { DomainError } from '../../core/http/domain.errors';
import { Public } from '../auth/auth.decorators';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint, outside /api/v1 and the OpenAPI document (a text format for
 * Prometheus, not an API for people). Not an API token route: public, or — with METRICS_TOKEN set —
 * only with that one bearer token, which API tokens are not.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: ConfigService,
  ) {}

  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.authorize(req, res);
    const body = await this.metrics.scrape();
    res.status(200).setHeader('Cache-Control', 'no-store').type(this.metrics.contentType).send(body);
  }

  private authorize(req: Request, res: Response): void {
    const token = this.config.get('METRICS_TOKEN');
    if (!token) return;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new DomainError('AUTH_REQUIRED', 401, 'Send the metrics token: Authorization: Bearer <token>.');
    }
    if (!safeEqual(match[1], token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics", error="invalid_token"');
      throw new DomainError('AUTH_INVALID_TOKEN', 401, 'The token is not the metrics token.');
    }
  }
}
