import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../core/http/domain.errors';
import { PUBLIC_ROUTE, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators';
import type { Role } from './role';
import { TokenService } from './token.service';

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public(). Missing, unknown,
 * revoked or expired tokens get 401; a role not allowed by @Roles() gets 403.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = ctx.switchToHttp().getResponse<{ setHeader(n: string, v: string): void }>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new DomainError('AUTH_REQUIRED', 401, 'Send an API token: Authorization: Bearer <token>.');
    }
    const principal = await this.tokens.authenticate(match[1]);
    if (!principal) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new DomainError('AUTH_INVALID_TOKEN', 401, 'The token is unknown, revoked or expired.');
    }
    req.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError(
        'FORBIDDEN_ROLE',
        403,
        `This action needs one of the roles: ${roles.join(', ')}.`,
      );
    }
    return true;
  }
}
