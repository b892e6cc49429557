import { Router, type Request, type Response } from 'express';
import { followupAddSchema, rejectSchema } from './lapor-api.dto';
import { SANDBOX_TEMPLATES, type CodeName } from './lapor-masters.data';
import { toWireComplaint, toWireFollowup, toWireLog, wireId } from './lapor-wire.mapper';
import { uploadedFiles } from './multipart.middleware';
import { paginate, queryValue } from './paging.util';
import { parseWith } from './sandbox-dto.util';
import { SandboxError } from './sandbox.errors';
import type { SandboxFiles } from './sandbox.files';
import type { SandboxStore } from './sandbox.store';
import type { StoredAttachment } from './sandbox.types';
import { parseWib } from './wib-time.util';

/** What the LAPOR! API routes need from the server. */
export interface LaporApiContext {
  store: SandboxStore;
  files: SandboxFiles;
  institutions: readonly CodeName[];
}

/** LAPOR!'s envelope: `{ success: true, message?, results }` (LAPOR-API.md "Transport"). */
export function ok(res: Response, results: unknown, status = 200, message?: string): void {
  res.status(status).json(message ? { success: true, message, results } : { success: true, results });
}

/** The endpoints of LAPOR-API.md "Endpoints", paths exactly as the contract writes them. */
export function laporApiRouter(ctx: LaporApiContext): Router {
  const { store } = ctx;
  const router = Router();
  const institution = (id: string, field: string): CodeName => {
    const found = ctx.institutions.find((i) => i.id === id);
    if (!found) throw SandboxError.invalid(field, `Instansi ${id} tidak dikenal`);
    return found;
  };

  // ASSUMED path (LAPOR-API.md): complaints dispositioned to us, changed since updated_from (WIB).
  router.get('/complaints/inbox', (req, res) => {
    const raw = queryValue(req, 'updated_from');
    const from = raw ? parseWib(raw) : null;
    if (raw && !from) {
      throw new SandboxError(
        400,
        'Parameter updated_from harus berformat d-m-Y H:i:s (WIB), mis. 23-11-2026 14:05:09',
      );
    }
    ok(res, paginate(req, store.inbox(from), toWireComplaint));
  });

  router.get('/complaints/:id/complaint', (req, res) => {
    const complaint = store.get(req.params.id);
    ok(res, { data: toWireComplaint(complaint), data_logs: store.logsOf(complaint.id).map(toWireLog) });
  });

  router.get('/complaints/:id/followups', (req, res) => {
    ok(res, paginate(req, store.followupsOf(req.params.id), toWireFollowup));
  });

  router.post('/complaints/followup/add', (req, res) => {
    const body = parseWith(followupAddSchema, req.body);
    if (!store.has(body.complaint_id)) throw SandboxError.invalid('complaint_id', 'Laporan tidak ditemukan');
    const from = institution(body.institution_from_id, 'institution_from_id');
    const to = institution(body.institution_to_id, 'institution_to_id');
    if (from.id !== store.institution.id) {
      throw SandboxError.invalid(
        'institution_from_id',
        'Hanya instansi pemilik API key yang dapat menindaklanjuti',
      );
    }
    if (store.get(body.complaint_id).disposition?.id !== from.id) {
      throw SandboxError.invalid('complaint_id', `Laporan tidak sedang didisposisikan ke ${from.name}`);
    }
    if (body.template_code && !SANDBOX_TEMPLATES.some((t) => t.template_code === body.template_code)) {
      throw SandboxError.invalid('template_code', `Template ${body.template_code} tidak dikenal`);
    }
    const followup = store.addFollowup(body.complaint_id, {
      authorType: 'institution',
      content: body.content,
      templateCode: body.template_code ?? null,
      institutionFrom: from,
      institutionTo: to,
      isSecret: body.is_secret ?? false,
      attachments: saveUploads(req, res, ctx.files),
    });
    ok(res, { data: toWireFollowup(followup) }, 200, 'Tindak lanjut berhasil ditambahkan');
  });

  router.post('/complaints/process/:id/reject', (req, res) => {
    const complaint = store.get(req.params.id);
    const body = parseWith(rejectSchema, req.body);
    const target = institution(body.reason, 'reason');
    const updated = store.reject(complaint.id, target, body.reason_description);
    ok(res, { data: toWireComplaint(updated) }, 200, 'Laporan diteruskan ke instansi tujuan');
  });

  router.get('/masters/institutions/external', (req, res) => {
    ok(
      res,
      paginate(req, [...ctx.institutions], (i) => ({ id: wireId(i.id), name: i.name })),
    );
  });

  router.get('/masters/templates', (req, res) => {
    ok(
      res,
      paginate(req, [...SANDBOX_TEMPLATES], (t) => ({ ...t })),
    );
  });

  return router;
}

/** Files of a multipart follow-up (`attachment[i]`) are kept so their URLs can be fetched back. */
function saveUploads(req: Request, res: Response, files: SandboxFiles): StoredAttachment[] {
  const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return uploadedFiles(res.locals).map((file) => files.save(file, origin));
}
