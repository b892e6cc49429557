import type { CallContext } from './lapor-http.errors';
import { LaporError } from './lapor.errors';
import { isWireObject } from './lapor-wire.reader';

/**
 * LAPOR!'s envelope (LAPOR-API.md "Transport"): `{ "success": true, "results": { ... } }`; lists are
 * `results.data[]` with `results.next_page_url` (null on the last page). Anything else is
 * LAPOR_BAD_RESPONSE: the wire format changed, or something other than LAPOR! answered (a gateway page).
 */

function bad(ctx: CallContext, message: string, outcomeUnknown: boolean, laporMessage?: string): LaporError {
  return new LaporError('LAPOR_BAD_RESPONSE', message, {
    operation: ctx.operation,
    outcomeUnknown: ctx.write && outcomeUnknown,
    laporMessage,
  });
}

/** `results` of a 2xx answer. */
export function resultsOf(body: unknown, ctx: CallContext): unknown {
  if (!isWireObject(body)) throw bad(ctx, 'the answer is not a LAPOR! JSON envelope', true);
  if (body.success !== true) {
    const message = typeof body.message === 'string' ? body.message.slice(0, 300) : undefined;
    // An explicit success:false says the write did not happen.
    if (body.success === false)
      throw bad(ctx, `LAPOR! answered success:false${message ? `: ${message}` : ''}`, false, message);
    throw bad(ctx, 'the answer has no "success": true', true);
  }
  if (!('results' in body)) throw bad(ctx, 'the answer has no "results"', true);
  return body.results;
}

export interface WireListPage {
  data: unknown[];
  nextPageUrl: string | null;
}

/** `results.data[]` and `results.next_page_url`; a missing next_page_url would hide pages, so it is required. */
export function listOf(results: unknown, ctx: CallContext): WireListPage {
  if (!isWireObject(results)) throw bad(ctx, 'results is not an object', true);
  if (!Array.isArray(results.data)) throw bad(ctx, 'results.data is not a list', true);
  const next = results.next_page_url;
  if (next !== null && (typeof next !== 'string' || !next.trim())) {
    throw bad(ctx, 'results.next_page_url is neither a URL nor null', true);
  }
  return { data: results.data, nextPageUrl: next };
}
