import { DateTime } from 'luxon';
import type { NotificationKind } from '../../core/queue/queue.contract';
import type { OutboundNotification } from './notification-channel';

/** What happened, in Bahasa Indonesia and in English. A new kind needs its line here. */
const KIND: Record<NotificationKind, { id: string; en: string }> = {
  'complaint.assigned': {
    id: 'Pengaduan baru ditugaskan ke kantor Anda',
    en: 'A new complaint was assigned to your office',
  },
  'complaint.triage': { id: 'Pengaduan menunggu triase', en: 'A complaint awaits triage' },
  'complaint.rerouted': {
    id: 'Pengaduan dialihkan ke kantor Anda',
    en: 'A complaint was re-routed to your office',
  },
  'complaint.transferred': {
    id: 'Pengaduan dipindahkan ke kantor Anda',
    en: 'A complaint was transferred to your office',
  },
  'complaint.escalated': { id: 'Pengaduan dieskalasi', en: 'A complaint was escalated' },
  'complaint.reporter_replied': { id: 'Pelapor mengirim balasan', en: 'The reporter replied' },
  'sync.failing': {
    id: 'Tindak lanjut belum berhasil terkirim ke LAPOR!',
    en: 'A follow-up keeps failing to reach LAPOR!',
  },
  'sync.digest': { id: 'Ringkasan harian sinkronisasi LAPOR!', en: 'Daily LAPOR! sync digest' },
  'sla.warning': {
    id: 'Batas waktu SLA hampir tercapai (75%)',
    en: 'An SLA clock reached 75% of its limit',
  },
  'sla.breached': { id: 'Batas waktu SLA terlampaui', en: 'An SLA limit was passed' },
};

const PRIORITY: Record<OutboundNotification['priority'], { id: string; tag: string }> = {
  normal: { id: 'biasa', tag: '' },
  high: { id: 'tinggi', tag: '[PENTING] ' },
  urgent: { id: 'mendesak', tag: '[MENDESAK] ' },
};

export interface EmailContent {
  subject: string;
  text: string;
}

/**
 * A notification e-mail: kind, office, complaint id and a link, never the complaint's text or its
 * reporter (SPEC.md "Reliability and security promises": no personal data leaves through
 * notifications). The link needs a token, so it reveals nothing to a wrong recipient either.
 */
export function emailContent(n: OutboundNotification, publicBaseUrl: string | undefined): EmailContent {
  const kind = KIND[n.kind] ?? { id: n.kind, en: n.kind };
  const office = n.missionName ? `${n.missionName} (${n.missionCode})` : n.missionCode;
  const wib = DateTime.fromJSDate(n.createdAt, { zone: 'Asia/Jakarta' }).toFormat("d LLL yyyy HH:mm 'WIB'");
  const lines = [`${kind.id}.`, `${kind.en}.`, '', `Jenis / Kind: ${n.kind}`, `Kantor / Office: ${office}`];
  if (n.complaintId) lines.push(`Pengaduan / Complaint: ${n.complaintId}`);
  lines.push(`Prioritas / Priority: ${PRIORITY[n.priority].id} (${n.priority})`);
  lines.push(`Waktu / Time: ${wib} (${n.createdAt.toISOString()})`);
  if (n.complaintId && publicBaseUrl)
    lines.push(`Tautan / Link: ${publicBaseUrl}/console/complaints/${n.complaintId}`);
  const facts = Object.entries(n.facts);
  if (facts.length) {
    lines.push('', 'Angka / Figures:');
    for (const [k, v] of facts) lines.push(`  ${k}: ${v ?? '-'}`);
  }
  lines.push(
    '',
    '--',
    'Pesan otomatis dari lapor-bridge (LAPOR! Kementerian Luar Negeri). Isi pengaduan dan data pelapor',
    'tidak disertakan; buka pengaduan di lapor-bridge untuk rinciannya.',
    'Automatic message from lapor-bridge. It carries no complaint text or reporter data; open the',
    'complaint in lapor-bridge for the details.',
  );
  const about = n.complaintId ? ` - ${n.complaintId}` : '';
  return {
    subject: `${PRIORITY[n.priority].tag}[LAPOR!] ${kind.id} - ${office}${about}`,
    text: lines.join('\n') + '\n',
  };
}
