import { createHash, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { ConfigService } from '../src/core/config/config.service';
import { loadEnv } from '../src/core/config/load-env';
import { FieldCipher } from '../src/core/crypto/field-cipher';
import { mapComplaint } from '../src/integrations/lapor/lapor.mapper';
import type { UpstreamComplaint } from '../src/integrations/lapor/lapor.types';
import { quarantineReason, snapshotHash } from '../src/modules/complaints/upstream-snapshot';
import { BENCH_INSTITUTIONS } from './bench-database';

/** An hour before the run started, WIB, in LAPOR!'s d-m-Y H:i:s. */
const WIB_TODAY = (() => {
  const d = new Date(Date.now() + 6 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${p(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:00:00`;
})();

/** Half the complaints are dispositioned to a mission the bench mapped (rule 1), half to the ministry. */
const DISPOSITIONS: [number, string][] = [
  [1001, 'Kementerian Luar Negeri'],
  ...Object.keys(BENCH_INSTITUTIONS).map((id): [number, string] => [Number(id), `Perwakilan RI ${id}`]),
  [1001, 'Kementerian Luar Negeri'],
  [1001, 'Kementerian Luar Negeri'],
  [1001, 'Kementerian Luar Negeri'],
];

const CONTENT =
  'Saya mengajukan penggantian paspor yang rusak di perwakilan RI pada awal bulan lalu. Petugas ' +
  'menyampaikan paspor akan selesai dalam lima hari kerja, tetapi sampai hari ini belum ada kabar. ' +
  'Saya sudah menelepon dan mengirim surel dua kali tanpa jawaban. Izin tinggal saya berakhir ' +
  'bulan depan dan majikan meminta paspor untuk perpanjangan. Mohon bantuan dan kepastian waktunya.';

/** One LAPOR! complaint object as the wire carries it (LAPOR-API.md; sandbox lapor-wire.mapper.ts). */
export function wireComplaint(laporId: number): Record<string, unknown> {
  const [dispositionId, dispositionName] = DISPOSITIONS[laporId % DISPOSITIONS.length];
  return {
    id: laporId,
    complaint_id: laporId,
    tracking_id: `LPR${laporId}`,
    title: `Paspor pengganti belum selesai setelah tiga minggu (${laporId})`,
    content: CONTENT,
    classification_id: 1,
    classification_name: 'Pengaduan',
    category_id: 610,
    category_name: 'Pelayanan Kekonsuleran',
    location_id: 34,
    location_name: 'Luar Negeri',
    date_of_incident: '02-11-2026',
    is_anonymous: false,
    is_secret: laporId % 10 === 0,
    reporter: { name: 'Siti Aminah', email: `pelapor${laporId}@example.id`, phone: '+62 812-0000-1234' },
    status_code: 'process',
    status_name: 'Dalam Proses',
    disposition_id: dispositionId,
    disposition_name: dispositionName,
    // Live complaints, as webhooks bring them: dispositioned an hour ago, so their SLA clocks run (a fixed
    // past date would breach every one at once and load the run with alerts and escalations).
    dispositioned_at: WIB_TODAY,
    created_at: WIB_TODAY,
    updated_at: WIB_TODAY,
    attachments: [{ id: laporId, name: 'kuitansi.jpg', url: `https://lapor.go.id/files/${laporId}.jpg` }],
  };
}

export interface SignedWebhook {
  laporId: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A `complaint.dispositioned` delivery with the full complaint, signed like LAPOR!'s sender. */
export function signedWebhook(secret: string, laporId: number, at = new Date()): SignedWebhook {
  const id = `msg_${randomUUID().replace(/-/g, '')}`;
  const body = JSON.stringify({
    type: 'complaint.dispositioned',
    timestamp: at.toISOString(),
    data: { complaint_id: laporId, complaint: wireComplaint(laporId) },
  });
  const buf = Buffer.from(body);
  return {
    laporId: String(laporId),
    body: buf,
    headers: {
      'content-type': 'application/json',
      'content-length': String(buf.length),
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    },
  };
}

/** The parameters of one intake transaction, computed as the bridge computes them (outside the timing). */
export interface IntakeTxParams {
  deliveryKey: string;
  laporId: string;
  payloadSha256: string;
  complaintValues: unknown[];
  receivedPayload: string;
  correlationId: string;
}

/**
 * Column order of ComplaintIngestService's insert (src/modules/complaints/complaint-ingest.service.ts,
 * `upstreamColumns`): kept in step by hand; the bench checks the row count it inserts, not the values.
 */
export const COMPLAINT_COLUMNS = [
  'tracking_id',
  'title',
  'content',
  'lapor_status_code',
  'lapor_status_name',
  'classification',
  'lapor_classification_id',
  'lapor_classification_name',
  'category_id',
  'category_name',
  'location_id',
  'location_name',
  'date_of_incident',
  'is_anonymous',
  'is_secret',
  'reporter_name_enc',
  'reporter_email_enc',
  'reporter_phone_enc',
  'disposition_id',
  'disposition_name',
  'dispositioned_at',
  'upstream_created_at',
  'upstream_updated_at',
  'content_hash',
  'quarantine_reason',
];

function complaintValues(c: UpstreamComplaint, cipher: FieldCipher): unknown[] {
  const reporter = c.isAnonymous ? null : c.reporter;
  return [
    c.trackingId,
    c.title,
    c.content,
    c.statusCode,
    c.statusName,
    c.classification,
    c.classificationId,
    c.classificationName,
    c.categoryId,
    c.categoryName,
    c.locationId,
    c.locationName,
    c.dateOfIncident,
    c.isAnonymous,
    c.isSecret,
    cipher.encrypt(reporter?.name),
    cipher.encrypt(reporter?.email),
    cipher.encrypt(reporter?.phone),
    c.dispositionId,
    c.dispositionName,
    c.dispositionedAt,
    c.createdAt,
    c.updatedAt,
    snapshotHash(c),
    quarantineReason(c),
  ];
}

/** Builds the baseline's transaction parameters from the same wire objects the webhooks carry. */
export function baselineParams(laporIds: number[], encryptionKey: string): IntakeTxParams[] {
  const cipher = new FieldCipher(new ConfigService(loadEnv({ ENCRYPTION_KEY: encryptionKey })));
  return laporIds.map((laporId) => {
    const wire = wireComplaint(laporId);
    const c = mapComplaint(wire);
    if (c.unknownCodes.length) throw new Error('bench complaints must use known LAPOR! codes');
    const body = JSON.stringify({
      type: 'complaint.dispositioned',
      data: { complaint_id: laporId, complaint: wire },
    });
    return {
      deliveryKey: `msg_${randomUUID().replace(/-/g, '')}`,
      laporId: c.laporId,
      payloadSha256: createHash('sha256').update(body).digest('hex'),
      complaintValues: complaintValues(c, cipher),
      receivedPayload: JSON.stringify({
        laporStatus: c.statusName,
        dispositionId: c.dispositionId,
        dispositionedAt: c.dispositionedAt?.toISOString() ?? null,
        imported: false,
      }),
      correlationId: randomUUID(),
    };
  });
}
