import type { OutboundNotification } from './notification-channel';
import { emailContent } from './notification-email.content';

const base: OutboundNotification = {
  id: '42',
  dedupeKey: 'complaint.transferred-3f0c-5',
  kind: 'complaint.transferred',
  missionCode: 'osaka',
  missionName: 'KJRI Osaka',
  complaintId: '3f0c2b8e-0000-4000-8000-000000000001',
  priority: 'urgent',
  facts: {},
  createdAt: new Date('2026-03-02T03:04:05.000Z'),
};

describe('notification e-mail content', () => {
  it('says what happened in Bahasa Indonesia and English, with office, complaint id, time and link', () => {
    const { subject, text } = emailContent(base, 'https://bridge.kemlu.example');
    expect(subject).toBe(
      '[MENDESAK] [LAPOR!] Pengaduan dipindahkan ke kantor Anda - KJRI Osaka (osaka) - 3f0c2b8e-0000-4000-8000-000000000001',
    );
    expect(text).toContain(
      'Pengaduan dipindahkan ke kantor Anda.\nA complaint was transferred to your office.\n',
    );
    expect(text).toContain('Jenis / Kind: complaint.transferred');
    expect(text).toContain('Kantor / Office: KJRI Osaka (osaka)');
    expect(text).toContain('Prioritas / Priority: mendesak (urgent)');
    expect(text).toContain('Waktu / Time: 2 Mar 2026 10:04 WIB (2026-03-02T03:04:05.000Z)');
    expect(text).toContain(
      'Tautan / Link: https://bridge.kemlu.example/console/complaints/3f0c2b8e-0000-4000-8000-000000000001',
    );
  });

  it('has no link without PUBLIC_BASE_URL, and lists a digest’s figures', () => {
    const { subject, text } = emailContent(
      {
        ...base,
        kind: 'sync.digest',
        complaintId: null,
        priority: 'normal',
        missionName: null,
        facts: { deadLetters: 2, oldestSyncAgeSeconds: null },
      },
      undefined,
    );
    expect(subject).toBe('[LAPOR!] Ringkasan harian sinkronisasi LAPOR! - osaka');
    expect(text).not.toMatch(/Tautan|Pengaduan \/ Complaint|http/);
    expect(text).toContain('Angka / Figures:\n  deadLetters: 2\n  oldestSyncAgeSeconds: -\n');
  });
});
