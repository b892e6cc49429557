import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../core/http/domain.errors';
import { PUBLIC_ROUTE, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators';
import type { Principal } from './principal';
import type { Role } from './role';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

type HeaderSink = { setHeader(n: string, v: string): void };

/** Methods a dashboard session may use: reads only (the session cookie never authorises a write). */
const SESSION_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public(). Missing, unknown,
 * revoked or expired tokens get 401; a role not allowed by @Roles() gets 403.
 *
 * Reads (GET, HEAD) without an Authorization header may instead carry the dashboard's session
 * cookie (session.service.ts): it names a token, which is re-checked here on every request. Writes
 * always need the Bearer header, so a session cannot be used to change anything even if a browser
 * were tricked into sending it.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = ctx.switchToHttp().getResponse<HeaderSink>();
    const header = req.header('authorization');
    const principal =
      header === undefined && SESSION_METHODS.has(req.method)
        ? await this.fromSession(req, res)
        : await this.fromBearer(header, res);
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

  private async fromBearer(header: string | undefined, res: HeaderSink): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new DomainError('AUTH_REQUIRED', 401, 'Send an API token: Authorization: Bearer <token>.');
    }
    const principal = await this.tokens.authenticate(match[1]);
    if (!principal) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new DomainError('AUTH_INVALID_TOKEN', 401, 'The token is unknown, revoked or expired.');
    }
    return principal;
  }

  private async fromSession(req: AuthenticatedRequest, res: HeaderSink): Promise<Principal> {
    const principal = await this.sessions.principalOf(req);
    if (principal === undefined) return this.fromBearer(undefined, res);
    if (!principal) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new DomainError(
        'AUTH_INVALID_SESSION',
        401,
        'The dashboard session has expired or its token was revoked: sign in again at /dashboard/login.',
      );
    }
    return principal;
  }
}
