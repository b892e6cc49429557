import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';
import { ConfigService } from '../../core/config/config.service';
import { correlationId } from '../../core/http/correlation';
import {
  DEFAULT_LAPOR_CLIENT_OPTIONS,
  LAPOR_CLIENT_OPTIONS,
  type LaporClientOptions,
} from './lapor-client.options';
import type { AddFollowUpInput, ForwardInput, InboxPageQuery } from './lapor-client.dto';
import { laporCodes, type LaporCodes } from './lapor-codes';
import { errorForStatus, errorForTransport, type CallContext } from './lapor-http.errors';
import {
  breakerStateOf,
  createLaporPolicies,
  type BreakerState,
  type LaporPolicies,
} from './lapor-resilience';
import { formatLaporDateTime } from './lapor-time';
import {
  CORRELATION_ID_HEADER,
  fillPath,
  followUpBody,
  INBOX_PAGE_SIZE,
  LAPOR_ENDPOINTS,
  LAPOR_QUERY,
  LAPOR_TOKEN_HEADER,
  MASTERS_PAGE_SIZE,
  notOurAuthorityBody,
  type LaporEndpoint,
} from './lapor.endpoints';
import { listOf, resultsOf } from './lapor.envelope';
import { LaporError } from './lapor.errors';
import {
  mapComplaint,
  mapComplaintDetail,
  mapFollowUp,
  mapInstitution,
  mapItems,
  mapTemplate,
  wireIdOf,
} from './lapor.mapper';
import type {
  UpstreamComplaint,
  UpstreamComplaintDetail,
  UpstreamFollowUp,
  UpstreamInstitution,
  UpstreamPage,
  UpstreamTemplate,
} from './lapor.types';
import { isWireObject } from './lapor-wire.reader';

export type { AddFollowUpInput, ForwardInput, InboxPageQuery } from './lapor-client.dto';

interface CallInput {
  complaintId?: string;
  params?: Record<string, string | number>;
  body?: Record<string, unknown>;
}

/** Largest answer accepted (masters of 1000 items are far below it). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * The only code that speaks HTTP to LAPOR! (STYLE.md layout; SPEC.md "Intake"). Every call goes
 * through one circuit breaker and a retry policy (lapor-resilience.ts); answers are mapped to
 * lapor.types.ts. Bodies are never logged: they hold reporter data.
 */
@Injectable()
export class LaporClient {
  private readonly logger = new Logger(LaporClient.name);
  private readonly opts: LaporClientOptions;
  private readonly http: AxiosInstance;
  private readonly policies: LaporPolicies;
  private readonly codes: LaporCodes;
  private openedAt: number | null = null;

  constructor(
    config: ConfigService,
    @Optional() @Inject(LAPOR_CLIENT_OPTIONS) options?: Partial<LaporClientOptions>,
  ) {
    this.opts = { ...DEFAULT_LAPOR_CLIENT_OPTIONS, ...options };
    this.codes = laporCodes();
    const lapor = config.lapor;
    this.http = axios.create({
      baseURL: lapor.baseUrl,
      headers: {
        [lapor.authHeader]: `Bearer ${lapor.apiKey}`,
        [LAPOR_TOKEN_HEADER]: lapor.token,
        Accept: 'application/json',
      },
      // Statuses are classified here, not by axios; redirects would carry the token to another host.
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: MAX_BODY_BYTES,
      maxBodyLength: MAX_BODY_BYTES,
    });
    this.policies = createLaporPolicies(this.opts);
    this.policies.breaker.onBreak(() => {
      this.openedAt = Date.now();
      this.logger.warn(`LAPOR! circuit opened: calls fail at once for ${this.opts.halfOpenAfterMs} ms`);
    });
    this.policies.breaker.onReset(() => {
      this.openedAt = null;
      this.logger.log('LAPOR! circuit closed again');
    });
  }

  /** For health and status pages. */
  get breakerState(): BreakerState {
    return breakerStateOf(this.policies.breaker, this.openedAt, this.opts.halfOpenAfterMs);
  }

  /** One page of the inbox; a broken item goes to `rejected`, never fails the page. */
  async inboxPage(query: InboxPageQuery): Promise<UpstreamPage<UpstreamComplaint>> {
    const pageSize = query.pageSize ?? INBOX_PAGE_SIZE;
    positiveInt('page', query.page);
    positiveInt('pageSize', pageSize);
    const results = await this.call(LAPOR_ENDPOINTS.inbox, {
      params: {
        [LAPOR_QUERY.updatedFrom]: formatLaporDateTime(query.updatedFrom),
        [LAPOR_QUERY.page]: query.page,
        [LAPOR_QUERY.pageSize]: pageSize,
      },
    });
    const list = listOf(results, this.context(LAPOR_ENDPOINTS.inbox));
    return mapItems(list.data, list.nextPageUrl, (item) => mapComplaint(item, { codes: this.codes }));
  }

  /** The complaint with its logs; a broken complaint or log throws LaporMappingError. */
  async complaintDetail(laporId: string): Promise<UpstreamComplaintDetail> {
    const results = await this.call(LAPOR_ENDPOINTS.complaintDetail, { complaintId: laporId });
    return mapComplaintDetail(results, this.codes);
  }

  async followUpsPage(laporId: string, page: number): Promise<UpstreamPage<UpstreamFollowUp>> {
    positiveInt('page', page);
    const endpoint = LAPOR_ENDPOINTS.followUps;
    const results = await this.call(endpoint, { complaintId: laporId, params: { [LAPOR_QUERY.page]: page } });
    const list = listOf(results, this.context(endpoint));
    return mapItems(list.data, list.nextPageUrl, mapFollowUp, ['id']);
  }

  /**
   * Every follow-up, pages followed (bounded by maxPages), with the broken ones in `rejected`
   * (index over the whole list). Use this before re-posting a follow-up: a broken item could be ours.
   */
  async collectFollowUps(laporId: string): Promise<UpstreamPage<UpstreamFollowUp>> {
    return this.collect(LAPOR_ENDPOINTS.followUps.path, (page) => this.followUpsPage(laporId, page));
  }

  /** Every follow-up that maps; broken ones are logged (ids and reasons only) and left out. */
  async allFollowUps(laporId: string): Promise<UpstreamFollowUp[]> {
    return this.itemsOf(await this.collectFollowUps(laporId), 'follow-ups');
  }

  /** Posts a follow-up (JSON). Not retried after a timeout or 5xx: see LaporError.outcomeUnknown. */
  async addFollowUp(input: AddFollowUpInput): Promise<{ laporFollowupId: string | null }> {
    const body = followUpBody({
      complaintId: input.complaintId,
      institutionFromId: input.institutionFromId,
      institutionToId: input.institutionToId ?? input.institutionFromId,
      content: input.content,
      templateCode: input.templateCode ?? null,
      isSecret: input.isSecret,
    });
    const results = await this.call(LAPOR_ENDPOINTS.addFollowUp, { body });
    const data = isWireObject(results) ? results.data : undefined;
    return { laporFollowupId: wireIdOf(data, ['id']) };
  }

  /** "Bukan wewenang": rejects the complaint with a request to transfer it to the target institution. */
  async forwardNotOurAuthority(input: ForwardInput): Promise<void> {
    await this.call(LAPOR_ENDPOINTS.notOurAuthority, {
      complaintId: input.complaintId,
      body: notOurAuthorityBody({ targetInstitutionId: input.targetInstitutionId, reason: input.reason }),
    });
  }

  async institutions(): Promise<UpstreamInstitution[]> {
    const endpoint = LAPOR_ENDPOINTS.institutions;
    const all = await this.collect(endpoint.path, (page) =>
      this.masterPage(endpoint, page, mapInstitution, 'id'),
    );
    return this.itemsOf(all, 'institutions');
  }

  async templates(): Promise<UpstreamTemplate[]> {
    const endpoint = LAPOR_ENDPOINTS.templates;
    const all = await this.collect(endpoint.path, (page) =>
      this.masterPage(endpoint, page, mapTemplate, 'template_code'),
    );
    return this.itemsOf(all, 'templates');
  }

  private async masterPage<T>(
    endpoint: LaporEndpoint,
    page: number,
    map: (wire: unknown) => T,
    idKey: string,
  ): Promise<UpstreamPage<T>> {
    const params = { [LAPOR_QUERY.page]: page, [LAPOR_QUERY.pageSize]: MASTERS_PAGE_SIZE };
    const list = listOf(await this.call(endpoint, { params }), this.context(endpoint));
    return mapItems(list.data, list.nextPageUrl, map, [idKey]);
  }

  /** Follows `next_page_url` by page number (not by URL: a gateway may rewrite hosts), bounded. */
  private async collect<T>(
    what: string,
    fetchPage: (page: number) => Promise<UpstreamPage<T>>,
  ): Promise<UpstreamPage<T>> {
    const all: UpstreamPage<T> = { items: [], rejected: [], nextPageUrl: null };
    let seen = 0;
    for (let page = 1; page <= this.opts.maxPages; page++) {
      const current = await fetchPage(page);
      all.items.push(...current.items);
      all.rejected.push(...current.rejected.map((r) => ({ ...r, index: seen + r.index })));
      seen += current.items.length + current.rejected.length;
      if (current.nextPageUrl === null) return all;
    }
    throw new LaporError(
      'LAPOR_BAD_RESPONSE',
      `more than ${this.opts.maxPages} pages; refusing to follow further`,
      {
        operation: `GET ${what}`,
      },
    );
  }

  private itemsOf<T>(page: UpstreamPage<T>, what: string): T[] {
    if (page.rejected.length) {
      this.logger.warn({
        msg: `LAPOR! ${what}: ${page.rejected.length} item(s) could not be mapped and were left out`,
        rejected: page.rejected,
      });
    }
    return page.items;
  }

  private context(endpoint: LaporEndpoint): CallContext {
    return {
      operation: `${endpoint.method} ${endpoint.path}`,
      write: endpoint.method !== 'GET',
      now: this.opts.now,
    };
  }

  /** One logical call: breaker → retry → attempt. Returns the envelope's `results`. */
  private async call(endpoint: LaporEndpoint, input: CallInput): Promise<unknown> {
    const ctx = this.context(endpoint);
    const url = fillPath(endpoint.path, input.complaintId);
    const policy = ctx.write ? this.policies.write : this.policies.read;
    try {
      return await policy.execute(({ attempt }) => this.attempt(endpoint, url, input, ctx, attempt + 1));
    } catch (err) {
      if (err instanceof BrokenCircuitError || err instanceof IsolatedCircuitError) {
        throw new LaporError('LAPOR_CIRCUIT_OPEN', 'circuit open after repeated failures; nothing was sent', {
          operation: ctx.operation,
          notSent: true,
          // When the breaker lets a trial call through: callers wait that long rather than count a try.
          retryAfterMs: this.openedAt
            ? Math.max(1000, this.openedAt + this.opts.halfOpenAfterMs - Date.now())
            : this.opts.halfOpenAfterMs,
        });
      }
      throw err;
    }
  }

  private async attempt(
    endpoint: LaporEndpoint,
    url: string,
    input: CallInput,
    ctx: CallContext,
    attempt: number,
  ): Promise<unknown> {
    const started = Date.now();
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    let res: AxiosResponse<unknown>;
    try {
      res = await this.http.request<unknown>({
        method: endpoint.method,
        url,
        params: input.params,
        data: input.body,
        signal,
        headers: { [CORRELATION_ID_HEADER]: correlationId() },
      });
    } catch (err) {
      const error = errorForTransport(err, signal.aborted, ctx);
      this.trace(ctx, attempt, started, error.causeCode ?? error.code);
      throw error;
    }
    this.trace(ctx, attempt, started, res.status);
    if (res.status < 200 || res.status > 299) {
      throw errorForStatus(res.status, res.data, res.headers, ctx);
    }
    return resultsOf(res.data, ctx);
  }

  /** Method, path template, status, attempt, duration: never ids, query values or bodies. */
  private trace(ctx: CallContext, attempt: number, started: number, outcome: number | string): void {
    this.logger.debug({
      msg: `LAPOR! ${ctx.operation} → ${outcome}`,
      operation: ctx.operation,
      ...(typeof outcome === 'number' ? { status: outcome } : { error: outcome }),
      attempt,
      durationMs: Date.now() - started,
    });
  }
}

function positiveInt(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number ≥ 1`);
}
