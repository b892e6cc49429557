import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { SandboxError } from './sandbox.errors';

/**
 * Faults the bridge's LAPOR! client must survive (SPEC.md "Intake": timeouts, retries with backoff for
 * 5xx and 429 honouring Retry-After, circuit breaker). They apply to the LAPOR! API only, never to the
 * control API. Phase "after" lets the request land first (the follow-up is stored) and then spoils the
 * answer: the "a write that timed out may have landed" case of LAPOR-API.md.
 */
export const FAULT_KINDS = ['latency', 'status', 'rate_limit', 'timeout', 'drop'] as const;

export const faultSchema = z.object({
  /** A path prefix such as /complaints/followup, or a regular expression when it starts with ^. */
  path: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
  kind: z.enum(FAULT_KINDS),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterS: z.number().int().min(0).max(86_400).optional(),
  /** How many requests the fault affects; unlimited when absent. */
  times: z.number().int().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
  phase: z.enum(['before', 'after']).default('before'),
});
export type FaultInput = z.output<typeof faultSchema>;

export interface Fault extends FaultInput {
  id: number;
  /** Requests it still affects (null: unlimited); an exhausted fault stays listed for inspection. */
  remaining: number | null;
  hits: number;
}

const DEFAULT_LATENCY_MS = 1_000;
const DEFAULT_STATUS = 503;
const DEFAULT_RETRY_AFTER_S = 1;

type Send = (status: number, body: unknown) => void;

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly random: () => number = Math.random) {}

  add(input: FaultInput): Fault {
    if (input.path?.startsWith('^')) {
      try {
        new RegExp(input.path);
      } catch {
        throw new SandboxError(400, `Invalid path regular expression: ${input.path}`);
      }
    }
    const fault: Fault = { ...input, id: this.nextId++, remaining: input.times ?? null, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }

  /** Cancels pending latency timers (on stop); hung requests end when the server closes their sockets. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** The first active fault matching the request, counted as used; the probability is rolled here. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining !== 0 && matches(f, method, path));
    if (!fault || (fault.probability !== undefined && this.random() >= fault.probability)) return undefined;
    fault.hits += 1;
    if (fault.remaining !== null) fault.remaining -= 1;
    return fault;
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const fault = this.take(req.method, req.path);
      if (!fault) return next();
      if (fault.phase === 'before') {
        return this.apply(fault, req, res, next, (status, body) => {
          res.status(status).json(body);
        });
      }
      // Let the handler run, then spoil its answer: every sandbox answer goes through res.json.
      const original = res.json.bind(res);
      res.json = ((body: unknown) => {
        this.apply(
          fault,
          req,
          res,
          () => original(body),
          (status, errorBody) => {
            res.status(status);
            original(errorBody);
          },
        );
        return res;
      }) as Response['json'];
      next();
    };
  }

  private apply(fault: Fault, req: Request, res: Response, proceed: () => void, send: Send): void {
    const message = `LAPOR! sandbox fault #${fault.id} (${fault.kind})`;
    switch (fault.kind) {
      case 'latency': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (!res.destroyed) proceed();
        }, fault.latencyMs ?? DEFAULT_LATENCY_MS);
        this.timers.add(timer);
        return;
      }
      case 'status':
        return send(fault.status ?? DEFAULT_STATUS, { success: false, message });
      case 'rate_limit':
        res.set('Retry-After', String(fault.retryAfterS ?? DEFAULT_RETRY_AFTER_S));
        return send(429, { success: false, message: 'Too Many Attempts.' });
      case 'timeout':
        // Accept and never answer; SandboxServer.stop() closes the socket.
        return;
      case 'drop':
        req.socket.destroy();
        return;
    }
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (!fault.path) return true;
  return fault.path.startsWith('^') ? new RegExp(fault.path).test(path) : path.startsWith(fault.path);
}
