import {
  Catch,
  HttpException,
  Injectable,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../core/http/domain.errors';
import { ConsoleRedirect, type ConsoleRequest } from './console-context';
import { ConsoleViews } from './console-views.service';
import { hasMessage } from './i18n';

/**
 * Errors of the console's pages are pages, not problem documents: the status and the stable code
 * (CSRF_TOKEN_INVALID, FORBIDDEN_ROLE, COMPLAINT_NOT_FOUND, …) are shown with a message in the
 * user's language. A ConsoleRedirect is a redirect.
 */
@Injectable()
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  constructor(private readonly views: ConsoleViews) {}

  catch(e: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<ConsoleRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (e instanceof ConsoleRedirect) {
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(e.status, e.location);
      return;
    }
    let status = 500;
    let code = 'INTERNAL';
    let detail: string | null = null;
    if (e instanceof DomainError) {
      status = e.status;
      code = e.code;
      detail = e.message;
    } else if (e instanceof HttpException) {
      status = e.getStatus();
      code = status === 404 ? 'NOT_FOUND' : `HTTP_${status}`;
      detail = e.message;
    }
    if (status >= 500) {
      this.logger.error({ err: e, path: req.path }, 'console page failed');
      detail = null;
    }
    const t = req.console?.t;
    const message = t && hasMessage(`error.${code}`) ? t(`error.${code}`) : (detail ?? code);
    this.views.page(req, res, 'error', { status, code, message }, status);
  }
}
