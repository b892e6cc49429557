import { createHash } from 'node:crypto';
import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { ConfigService } from '../../core/config/config.service';
import { DomainError } from '../../core/http/domain.errors';
import type { AuthenticatedRequest } from './auth.decorators';
import { actorOf } from './principal';
import { RateLimitStoreUnavailableError } from './redis-throttler.storage';

/**
 * Not limited here: LAPOR! delivers webhooks in bursts (signature checks and idempotent intake
 * protect that route), probes must always reach the health checks, and the dashboard's static files
 * (no data, no database) would otherwise count against a whole office behind one address.
 */
const UNLIMITED_PATHS = ['/webhooks/', '/health/', '/dashboard/assets/'];

/** API_RATE_LIMIT, whose default depends on NODE_ENV (see env.schema.ts). */
export function rateLimitOptions(config: ConfigService): ThrottlerModuleOptions {
  const limit = config.get('API_RATE_LIMIT') ?? (config.get('NODE_ENV') === 'test' ? 1_000_000 : 600);
  return { throttlers: [{ name: 'default', limit, ttl: config.get('API_RATE_WINDOW_S') * 1000 }] };
}

/**
 * Rate limits per API token (per client IP on public routes), counted in Redis across replicas.
 * Registered as a global guard after BearerAuthGuard, so `req.principal` is known here, and a
 * request refused for its token or role costs nothing.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly log = new Logger('RateLimit');
  private lastWarnAt = 0;

  protected override shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return Promise.resolve(true);
    const path = ctx.switchToHttp().getRequest<Request>().path;
    return Promise.resolve(UNLIMITED_PATHS.some((p) => path.startsWith(p)));
  }

  /** Redis down: serve the request unlimited rather than fail the whole API with it. */
  protected override async handleRequest(r: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(r);
    } catch (e) {
      if (!(e instanceof RateLimitStoreUnavailableError)) throw e;
      if (Date.now() - this.lastWarnAt > 60_000) {
        this.lastWarnAt = Date.now();
        this.log.warn(`${e.message}; API requests are not rate-limited until Redis is back`);
      }
      return true;
    }
  }

  protected override async getTracker(req: AuthenticatedRequest): Promise<string> {
    const principal = req.principal;
    return principal ? actorOf(principal) : `ip:${await super.getTracker(req)}`;
  }

  /** One counter per caller across all routes; hashed so no client IP is written to Redis. */
  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${createHash('sha256').update(tracker).digest('base64url')}`;
  }

  /** The library's X-RateLimit-* headers, plus the IETF draft's RateLimit-* names. */
  protected override setResponseHeader(res: Response, name: string, value: string | number): void {
    super.setResponseHeader(res, name, value);
    if (name.startsWith('X-RateLimit-')) super.setResponseHeader(res, name.slice(2), value);
  }

  protected override throwThrottlingException(ctx: ExecutionContext, d: ThrottlerLimitDetail): Promise<void> {
    const res = ctx.switchToHttp().getResponse<Response>();
    this.setResponseHeader(res, 'X-RateLimit-Limit', d.limit);
    this.setResponseHeader(res, 'X-RateLimit-Remaining', 0);
    this.setResponseHeader(res, 'X-RateLimit-Reset', d.timeToBlockExpire);
    const windowS = Math.round(d.ttl / 1000);
    throw new DomainError(
      'RATE_LIMITED',
      429,
      `More than ${d.limit} requests in ${windowS} s with these credentials; retry in ${d.timeToBlockExpire} s.`,
      { retryAfterSeconds: d.timeToBlockExpire },
    );
  }
}
