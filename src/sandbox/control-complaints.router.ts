import { Router } from 'express';
import { z } from 'zod';
import {
  complaintCreateSchema,
  complaintPatchSchema,
  followupInputSchema,
  toComplaintPatch,
  toNewComplaint,
  toNewFollowup,
} from './control-complaint.dto';
import type { CodeName } from './lapor-masters.data';
import { toWireComplaint, toWireFollowup } from './lapor-wire.mapper';
import { queryValue } from './paging.util';
import { parseWith } from './sandbox-dto.util';
import { SandboxError } from './sandbox.errors';
import type { SandboxFiles } from './sandbox.files';
import type { SandboxStore } from './sandbox.store';

const batchBody = z.strictObject({ complaints: z.array(complaintCreateSchema).min(1) });

/**
 * Control API for complaint data (SPEC.md "Commands"): create complaints with any timestamps and
 * follow-ups (history and backfill fixtures), change them, add replies. Answers use the LAPOR! wire
 * format, so a test can compare what it made with what the bridge stored.
 */
export function controlComplaintsRouter(
  store: SandboxStore,
  files: SandboxFiles,
  institutions: readonly CodeName[],
): Router {
  const router = Router();
  const withFollowups = (id: string) => ({
    ...toWireComplaint(store.get(id)),
    followups: store.followupsOf(id).map(toWireFollowup),
  });

  router.get('/complaints', (_req, res) => {
    res.json({ data: store.list().map((c) => withFollowups(c.id)) });
  });

  router.get('/complaints/:id', (req, res) => {
    res.json({ data: withFollowups(req.params.id) });
  });

  router.post('/complaints', (req, res) => {
    const batch = typeof req.body === 'object' && req.body !== null && 'complaints' in req.body;
    const inputs = batch
      ? parseWith(batchBody, req.body, 400).complaints
      : [parseWith(complaintCreateSchema, req.body, 400)];
    const duplicate = inputs.map((i) => i.id).find((id, i, ids) => id !== undefined && ids.indexOf(id) !== i);
    if (duplicate) throw new SandboxError(409, `Laporan ${duplicate} muncul dua kali`);
    const existing = inputs.find((i) => i.id !== undefined && store.has(i.id));
    if (existing) throw new SandboxError(409, `Laporan ${existing.id} sudah ada`);
    // Converted first, so a bad item rejects the whole batch before anything is stored.
    const created = inputs
      .map((input) => toNewComplaint(input, institutions))
      .map((input) => store.create(input));
    res.status(201).json({ data: created.map((c) => withFollowups(c.id)) });
  });

  router.patch('/complaints/:id', (req, res) => {
    const patch = toComplaintPatch(parseWith(complaintPatchSchema, req.body, 400), institutions);
    store.update(req.params.id, patch);
    res.json({ data: withFollowups(req.params.id) });
  });

  router.post('/complaints/:id/followups', (req, res) => {
    const input = toNewFollowup(parseWith(followupInputSchema, req.body, 400), institutions);
    const followup = store.addFollowup(req.params.id, input);
    res
      .status(201)
      .json({ data: toWireFollowup(followup), complaint: toWireComplaint(store.get(req.params.id)) });
  });

  router.get('/followups', (req, res) => {
    const complaintId = queryValue(req, 'complaint_id');
    const list = complaintId ? store.followupsOf(complaintId) : store.allFollowups();
    res.json({ data: list.map(toWireFollowup) });
  });

  router.get('/files/:id{/:name}', (req, res) => {
    const file = files.get(req.params.id);
    if (!file) throw SandboxError.notFound(`Berkas ${req.params.id}`);
    res.type(file.type).send(file.bytes);
  });

  return router;
}
