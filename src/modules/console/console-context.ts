import type { Request } from 'express';
import type { Principal } from '../auth/principal';
import type { ConsoleSession } from '../auth/user-session.service';
import type { Locale, Translate } from './i18n';

/** What the console guard learns about a request, for the controllers and the views. */
export interface ConsoleContext {
  /** The signed-in person; null on the public pages (sign-in). */
  session: ConsoleSession | null;
  principal: Principal | null;
  locale: Locale;
  t: Translate;
  /** The token every form of this page posts back as `_csrf`. */
  csrf: string;
  /** The signed-in user's unread notifications (pages only), for the nav's badge. */
  unreadNotifications?: number;
}

export type ConsoleRequest = Request & { console?: ConsoleContext };

/** The context of a signed-in request (the guard has checked there is one). */
export function signedIn(
  req: ConsoleRequest,
): ConsoleContext & { session: ConsoleSession; principal: Principal } {
  const c = req.console;
  if (!c?.session || !c.principal) throw new Error('console route without a session');
  return c as ConsoleContext & { session: ConsoleSession; principal: Principal };
}

/** Thrown to send the browser elsewhere (to sign in, after a form post). */
export class ConsoleRedirect extends Error {
  constructor(
    readonly location: string,
    readonly status: 302 | 303 = 303,
  ) {
    super(`redirect to ${location}`);
  }
}

/** Only local console paths are followed after sign-in (no open redirect). */
export function safeNext(next: unknown, fallback = '/console'): string {
  if (typeof next !== 'string') return fallback;
  if (!/^\/(console|dashboard)(\/|\?|$)/.test(next) || next.startsWith('//') || next.includes('\\'))
    return fallback;
  return next.slice(0, 500);
}
