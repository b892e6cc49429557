import { Router } from 'express';
import { z } from 'zod';
import { faultSchema, type FaultInjector } from './fault.injector';
import { queryValue } from './paging.util';
import type { RequestRecorder } from './request.recorder';
import type { SandboxClock } from './sandbox.clock';
import { instantField, parseWith } from './sandbox-dto.util';
import { deliverSchema, type WebhookSender } from './webhook.sender';

/** What the operational control routes need from the server. */
export interface ControlOpsContext {
  clock: SandboxClock;
  faults: FaultInjector;
  requests: RequestRecorder;
  webhooks: WebhookSender;
  reset(seedDemo: boolean): void;
  info(): Record<string, unknown>;
}

const resetSchema = z.object({ seedDemo: z.boolean().default(false) });
const timeSchema = z.union([
  z.object({ offsetS: z.number() }),
  z.object({ now: instantField }),
  z.object({ reset: z.literal(true) }),
]);

/** Control API for faults, webhook deliveries, the request log, the clock and reset (SPEC.md "Commands"). */
export function controlOpsRouter(ctx: ControlOpsContext): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json(ctx.info());
  });

  router.get('/requests', (req, res) => {
    res.json({
      data: ctx.requests.list({ method: queryValue(req, 'method'), path: queryValue(req, 'path') }),
    });
  });

  router.delete('/requests', (_req, res) => {
    ctx.requests.clear();
    res.status(204).end();
  });

  router.post('/faults', (req, res) => {
    res.status(201).json({ data: ctx.faults.add(parseWith(faultSchema, req.body, 400)) });
  });

  router.get('/faults', (_req, res) => {
    res.json({ data: ctx.faults.list() });
  });

  router.delete('/faults', (_req, res) => {
    ctx.faults.clear();
    res.status(204).end();
  });

  router.post('/webhooks/deliver', async (req, res) => {
    const deliveries = await ctx.webhooks.deliver(parseWith(deliverSchema, req.body, 400));
    res.json({ data: deliveries, statuses: deliveries.map((d) => d.status) });
  });

  router.get('/webhooks', (_req, res) => {
    res.json({ data: ctx.webhooks.log() });
  });

  router.post('/reset', (req, res) => {
    ctx.reset(parseWith(resetSchema, req.body, 400).seedDemo);
    res.json(ctx.info());
  });

  router.get('/time', (_req, res) => {
    res.json({ now: ctx.clock.now().toISOString(), offsetMs: ctx.clock.offset });
  });

  router.post('/time', (req, res) => {
    const body = parseWith(timeSchema, req.body, 400);
    if ('offsetS' in body) ctx.clock.setOffset(body.offsetS * 1000);
    else if ('now' in body) ctx.clock.setNow(body.now);
    else ctx.clock.setOffset(0);
    res.json({ now: ctx.clock.now().toISOString(), offsetMs: ctx.clock.offset });
  });

  return router;
}
