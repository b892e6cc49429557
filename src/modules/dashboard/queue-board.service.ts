import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, NextFunction, Request, Response } from 'express';
import { ConfigService } from '../../core/config/config.service';
import { correlationId } from '../../core/http/correlation';
import { problem, sendProblem } from '../../core/http/problem';
import { QueueRegistry } from '../../core/queue/queue.registry';
import type { Principal } from '../auth/principal';
import { isVouchedSameOrigin, SessionService } from '../auth/session.service';
import { TokenService } from '../auth/token.service';
import { QUEUE_BOARD_ROLES } from './dashboard-access';

export const QUEUE_BOARD_PATH = '/admin/queues';

const READ_METHODS = new Set(['GET', 'HEAD']);

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

/**
 * Bull Board, the queue UI (SPEC.md "HTTP API": admins, read-only in production), over every queue
 * of queue.contract.ts. It is an express app of its own, mounted on Nest's express instance behind
 * the check below (Nest's guards do not see it). Job payloads hold ids only (STYLE.md habit 5), so
 * the board shows no personal data.
 */
@Injectable()
export class QueueBoardService implements OnModuleInit {
  private readonly log = new Logger('QueueBoard');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueRegistry,
    private readonly config: ConfigService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  /** Before Nest adds its not-found handler (NestApplication.init), so the board's routes are reached. */
  onModuleInit(): void {
    const readOnlyMode = this.config.isProduction;
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.queues.allQueues().map((q) => new BullMQAdapter(q, { readOnlyMode })),
      // @bull-board/express 9.10.1 pins its own @bull-board/api 9.10.1 (the app has 9.10.2): the same
      // interface at runtime, but TypeScript tells the two copies' private members apart.
      serverAdapter: serverAdapter as unknown as BoardServerAdapter,
      options: { uiConfig: { boardTitle: 'lapor-bridge', hideDocsLink: true } },
    });
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use(QUEUE_BOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
      this.admit(req, res).then((ok) => (ok ? next() : undefined), next);
    });
    app.use(QUEUE_BOARD_PATH, serverAdapter.getRouter() as Express);
    this.log.log(`Bull Board at ${QUEUE_BOARD_PATH} (admins${readOnlyMode ? ', read-only' : ''})`);
  }

  /**
   * Admins only: a Bearer token, or the dashboard session. Bull Board's own buttons (retry, clean,
   * pause; absent in read-only mode) write with the session, so a write with the cookie must be
   * vouched for by the browser as coming from this origin (Sec-Fetch-Site or Origin); SameSite=Strict
   * keeps other sites' requests from carrying the cookie anyway.
   */
  private async admit(req: Request, res: Response): Promise<boolean> {
    const refuse = (status: number, code: string, detail: string) => {
      if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      sendProblem(
        res,
        problem(status, code, detail, {
          instance: req.originalUrl.split('?')[0],
          correlationId: correlationId(),
        }),
      );
      return false;
    };
    const header = req.header('authorization');
    let p: Principal | null | undefined;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      p = match ? await this.tokens.authenticate(match[1]) : null;
      if (!p) return refuse(401, 'AUTH_INVALID_TOKEN', 'The token is unknown, revoked or expired.');
    } else {
      p = await this.sessions.principalOf(req);
      if (p === undefined)
        return refuse(
          401,
          'AUTH_REQUIRED',
          'Sign in at /dashboard/login or send Authorization: Bearer <token>.',
        );
      if (!p)
        return refuse(
          401,
          'AUTH_INVALID_SESSION',
          'The session has expired: sign in again at /dashboard/login.',
        );
      if (!READ_METHODS.has(req.method) && !isVouchedSameOrigin(req))
        return refuse(403, 'CROSS_SITE_REQUEST', 'A write with the session cookie must come from this site.');
    }
    if (!QUEUE_BOARD_ROLES.includes(p.role))
      return refuse(
        403,
        'FORBIDDEN_ROLE',
        `The queue UI needs one of the roles: ${QUEUE_BOARD_ROLES.join(', ')}.`,
      );
    return true;
  }
}
