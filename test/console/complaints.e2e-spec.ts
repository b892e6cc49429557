import { SlaSweepService } from '../../src/modules/sla/sla-sweep.service';
import type { Response } from 'supertest';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import { createUser, csrfOf, signedInAgent, type TestUser } from './console.helper';

/**
 * The handler console's inbox and complaint page over HTTP (SPEC.md "Web console", issue 8): the
 * same scope, roles, confidentiality and concurrency rules as the API, shown as pages; every
 * mistake a person can make gives a page with a clear message, never a 500.
 */

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

const ANON = {
  name: 'Bagus Tanpanama Suryo',
  email: 'bagus.tanpanama@example.org',
  phone: '+81 90-4417-0002',
};
const TOKYO = { title: 'Paspor hilang di Tokyo', content: 'Paspor saya hilang di Shinjuku, Tokyo.' };

/** The value of the hidden `version` field of the first action form. */
const versionOf = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)![1]);
/** The text content of an HTML fragment, roughly (tags dropped, entities of the console's escaper). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('console: inbox and complaint page', () => {
  let bed: WorkflowBed;
  let ids: Record<'normal' | 'urgent' | 'anon' | 'tokyo' | 'spare', string>;
  const users = {} as Record<'osaka' | 'tokyo' | 'supervisor' | 'monitor' | 'admin', TestUser>;
  const agents = {} as Record<keyof typeof users, Agent>;

  const page = (who: keyof typeof users, path: string) => agents[who].agent.get(path);
  /** Posts an action form of the complaint page as the browser would (its CSRF token and version). */
  const post = async (
    who: keyof typeof users,
    id: string,
    action: string,
    fields: Record<string, string>,
    version?: number,
  ): Promise<Response> => {
    const html = (await page(who, `/console/complaints/${id}`).expect(200)).text;
    return agents[who].agent
      .post(`/console/complaints/${id}/${action}`)
      .type('form')
      .send({ _csrf: csrfOf(html), version: String(version ?? versionOf(html)), ...fields });
  };
  const api = async (id: string) =>
    (await (await bed.as('admin')).get(`/api/v1/complaints/${id}`).expect(200)).body as {
      status: string;
      version: number;
      missionCode: string;
      followUps: { content: string; visibility: string; templateCode: string | null }[];
    };

  beforeAll(async () => {
    bed = await startWorkflowBed('console-complaints');
    const [normal, urgent, anon, tokyo, spare] = await bed.intake([
      osakaComplaint(),
      osakaComplaint({
        title: 'Suami ditahan polisi Osaka',
        content: 'Suami saya ditahan polisi di Osaka sejak kemarin. Mohon bantuan KJRI Osaka.',
      }),
      osakaComplaint({ title: 'Paspor rusak di Osaka', is_anonymous: true, reporter: ANON }),
      TOKYO,
      osakaComplaint({
        title: 'Legalisasi ijazah di Osaka',
        content: 'Legalisasi ijazah saya di Osaka tertunda.',
      }),
    ]);
    ids = { normal: normal.id, urgent: urgent.id, anon: anon.id, tokyo: tokyo.id, spare: spare.id };
    expect([normal, urgent, anon, spare].map((c) => c.missionCode)).toEqual([
      'osaka',
      'osaka',
      'osaka',
      'osaka',
    ]);
    expect(tokyo.missionCode).toBe('tokyo');
    users.osaka = await createUser(bed, 'handler', 'osaka');
    users.tokyo = await createUser(bed, 'handler', 'tokyo');
    users.supervisor = await createUser(bed, 'supervisor', 'osaka');
    users.monitor = await createUser(bed, 'monitor');
    users.admin = await createUser(bed, 'admin');
    for (const k of Object.keys(users) as (keyof typeof users)[])
      agents[k] = await signedInAgent(bed, users[k]);
  });

  afterAll(async () => {
    await bed?.close();
  });

  describe('inbox', () => {
    it('shows a handler their mission’s complaints only, with counts per status and links to each', async () => {
      const html = (await page('osaka', '/console/inbox').expect(200)).text;
      for (const id of [ids.normal, ids.urgent, ids.anon, ids.spare])
        expect(html).toContain(`href="/console/complaints/${id}"`);
      expect(html).not.toContain(ids.tokyo);
      expect(html).not.toContain('Shinjuku');
      expect(text(html)).toContain('Didisposisikan: 4');
      expect(text(html)).toContain('Semua: 4');
      expect(html).toContain('class="responsive inbox"');

      const tokyo = (await page('tokyo', '/console/inbox').expect(200)).text;
      expect(tokyo).toContain(ids.tokyo);
      expect(tokyo).not.toContain(ids.normal);
      expect(text(tokyo)).toContain('Semua: 1');
    });

    it('badges urgent complaints and filters by priority, text and status', async () => {
      const all = (await page('osaka', '/console/inbox').expect(200)).text;
      const urgentRow = new RegExp(`data-id="${ids.urgent}" data-priority="urgent"[\\s\\S]*?badge urgent`);
      expect(all).toMatch(urgentRow);

      const urgent = (await page('osaka', '/console/inbox?priority=urgent').expect(200)).text;
      expect(urgent).toContain(ids.urgent);
      expect(urgent).not.toContain(ids.normal);

      const q = (await page('osaka', '/console/inbox?q=legalisasi').expect(200)).text;
      expect(q).toContain(ids.spare);
      expect(q).not.toContain(ids.urgent);

      const none = (await page('osaka', '/console/inbox?status=resolved&sort=due&breached=false').expect(200))
        .text;
      expect(none).toContain('id="inbox-empty"');
      // Empty fields of the filter form are no filter.
      const empty = (
        await page('osaka', '/console/inbox?status=&priority=&q=&category=&sort=newest').expect(200)
      ).text;
      expect(empty).toContain(ids.normal);
    });

    it('answers bad filter values with a 400 page naming the field, not a 500', async () => {
      for (const query of [
        'status=bogus',
        'priority=extreme',
        'sort=sideways',
        'breached=maybe',
        'cursor=xyz',
      ]) {
        const res = await page('osaka', `/console/inbox?${query}`);
        expect(res.status).toBe(400);
        expect(res.text).toContain('Saringan tidak valid');
        expect(res.text).toContain('id="filter-errors"');
      }
    });

    it('shows a monitor every mission with a mission filter', async () => {
      const html = (await page('monitor', '/console/inbox').expect(200)).text;
      expect(html).toContain(ids.tokyo);
      expect(html).toContain(ids.normal);
      expect(html).toContain('name="mission"');
      const tokyo = (await page('monitor', '/console/inbox?mission=tokyo').expect(200)).text;
      expect(tokyo).toContain(ids.tokyo);
      expect(tokyo).not.toContain(ids.normal);
      expect(text(tokyo)).toContain('Semua: 1');
    });
  });

  describe('complaint page', () => {
    it('shows the complaint, its LAPOR! ids, why it was routed, the SLA and timeline, and the allowed actions', async () => {
      await bed.t.app.get(SlaSweepService).sweep();
      const html = (await page('osaka', `/console/complaints/${ids.urgent}`).expect(200)).text;
      const t = text(html);
      expect(t).toContain('Suami ditahan polisi Osaka');
      expect(t).toContain('Mengapa pengaduan ini ke kami?');
      expect(t).toContain('Mendesak');
      expect(html).toContain('id="lapor-id"');
      expect(t).toContain('Riwayat');
      expect(t).toContain('Dirutekan');
      // Urgent: the 24/7 clocks in hours, the completion clock on the national calendar.
      expect(t).toContain('24 jam × 7 hari (mendesak)');
      expect(t).toContain('nasional (WIB; Sabtu–Minggu dan libur nasional tidak dihitung)');
      // assigned: acknowledge, follow up, ask, escalate, reject; a handler never transfers.
      for (const a of ['acknowledge', 'followups', 'ask-reporter', 'escalate', 'reject'])
        expect(html).toContain(`action="/console/complaints/${ids.urgent}/${a}"`);
      expect(html).not.toContain(`/${ids.urgent}/transfer"`);
      expect(html).not.toContain(`/${ids.urgent}/resolve"`);
      // The template picker holds the bilingual templates, filled in from this complaint.
      expect(html).toContain('value="id:followup-passport-progress"');
      expect(html).toContain('value="en:followup-passport-progress"');
    });

    it('is 404 for another mission’s complaint and for an id that is no complaint', async () => {
      for (const path of [`/console/complaints/${ids.normal}`, '/console/complaints/not-a-uuid']) {
        const res = await page('tokyo', path);
        expect(res.status).toBe(404);
        expect(res.text).toContain('data-code="COMPLAINT_NOT_FOUND"');
        expect(res.text).not.toContain('Paspor hilang di Osaka');
      }
    });

    it('never shows an anonymous reporter, to any role', async () => {
      for (const who of ['osaka', 'supervisor', 'monitor', 'admin'] as const) {
        const html = (await page(who, `/console/complaints/${ids.anon}`).expect(200)).text;
        expect(text(html)).toContain('Pelapor anonim');
        for (const v of [ANON.name, ANON.email, ANON.phone, ANON.phone.replace(/\D/g, '')])
          expect(html.toLowerCase()).not.toContain(v.toLowerCase());
      }
      // An ordinary complaint's reporter is shown to its mission (the sandbox gives one by default).
      const ordinary = (await page('osaka', `/console/complaints/${ids.normal}`).expect(200)).text;
      expect(text(ordinary)).not.toContain('Pelapor anonim');
    });
  });

  describe('actions', () => {
    it('acknowledges by form, redirects 303 to the page with a message, and updates the status', async () => {
      const res = await post('osaka', ids.normal, 'acknowledge', { note: 'Diterima oleh petugas konsuler.' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/console/complaints/${ids.normal}?done=acknowledge`);
      const html = (await page('osaka', res.headers.location).expect(200)).text;
      expect(text(html)).toContain('Pengaduan telah diterima.');
      expect((await api(ids.normal)).status).toBe('acknowledged');
      expect(html).not.toContain(`/${ids.normal}/acknowledge"`);
    });

    it('shows the form again with a 400 and the text kept when input is invalid', async () => {
      const blank = await post('osaka', ids.normal, 'followups', { visibility: 'public', content: '   ' });
      expect(blank.status).toBe(400);
      expect(text(blank.text)).toContain('Teks wajib diisi');
      expect(blank.text).toMatch(/<details class="action" id="action-followups" open>/);

      const badVis = await post('osaka', ids.normal, 'followups', {
        visibility: 'loud',
        content: 'Isi saya',
      });
      expect(badVis.status).toBe(400);
      expect(text(badVis.text)).toContain('Pilih tindak lanjut publik atau internal');
      expect(badVis.text).toContain('>Isi saya</textarea>');

      const reject = await post('osaka', ids.spare, 'reject', {
        targetInstitutionId: 'no spaces!',
        reason: 'x',
      });
      expect(reject.status).toBe(400);
      expect(text(reject.text)).toContain('ID instansi LAPOR! wajib diisi');

      const noVersion = await agents.osaka.agent
        .post(`/console/complaints/${ids.normal}/followups`)
        .type('form')
        .send({ _csrf: await agents.osaka.csrf(`/console/complaints/${ids.normal}`), content: 'x' });
      expect(noVersion.status).toBe(400);

      const badTransfer = await post('supervisor', ids.spare, 'transfer', {
        missionCode: 'nowhere',
        reason: 'x',
      });
      expect(badTransfer.status).toBe(400);
      expect(text(badTransfer.text)).toContain('Perwakilan tujuan tidak terdaftar');
      expect((await api(ids.spare)).status).toBe('assigned');
    });

    it('posts a public follow-up from a template picked without JavaScript', async () => {
      const res = await post('osaka', ids.normal, 'followups', {
        visibility: 'public',
        template: 'id:followup-passport-progress',
        content: '',
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/console/complaints/${ids.normal}?done=followup-public`);
      const c = await api(ids.normal);
      expect(c.status).toBe('responded');
      expect(c.followUps.at(-1)).toMatchObject({
        visibility: 'public',
        templateCode: 'followup-passport-progress',
      });
      expect(c.followUps.at(-1)!.content).toContain('Menindaklanjuti laporan');
      const html = (await page('osaka', res.headers.location).expect(200)).text;
      expect(text(html)).toMatch(/Menunggu pengiriman|Terkirim ke LAPOR!/);
    });

    it('refuses a stale version with the concurrency message, keeps the text and changes nothing', async () => {
      const before = await api(ids.normal);
      const stale = before.version - 1;
      const res = await post(
        'osaka',
        ids.normal,
        'followups',
        { visibility: 'internal', content: 'Catatan yang ditulis atas versi lama' },
        stale,
      );
      expect(res.status).toBe(409);
      expect(text(res.text)).toContain('baru saja diubah oleh orang lain');
      expect(res.text).toContain('>Catatan yang ditulis atas versi lama</textarea>');
      // The form now carries the current version, so sending again is a conscious choice.
      expect(res.text).toContain(`name="version" value="${before.version}"`);
      const after = await api(ids.normal);
      expect(after.version).toBe(before.version);
      expect(after.followUps.map((f) => f.content)).not.toContain('Catatan yang ditulis atas versi lama');
    });

    it('explains an action the status no longer allows', async () => {
      const res = await post('osaka', ids.normal, 'acknowledge', {});
      expect(res.status).toBe(409);
      expect(text(res.text)).toContain('tidak dapat dilakukan pada status pengaduan saat ini (Ditanggapi)');
    });

    it('gives a monitor 403 on every action, and a handler 403 on transfer', async () => {
      const csrf = await agents.monitor.csrf(`/console/complaints/${ids.urgent}`);
      const monitor = await agents.monitor.agent
        .post(`/console/complaints/${ids.urgent}/acknowledge`)
        .type('form')
        .send({ _csrf: csrf, version: '1' });
      expect(monitor.status).toBe(403);
      expect(monitor.text).toContain('data-code="FORBIDDEN_ROLE"');
      const monitorPage = (await page('monitor', `/console/complaints/${ids.urgent}`).expect(200)).text;
      expect(monitorPage).not.toContain('<form method="post" action="/console/complaints/');
      expect(monitorPage).toContain('id="read-only"');

      const handler = await post('osaka', ids.urgent, 'transfer', {
        missionCode: 'tokyo',
        reason: 'Salah wilayah',
      });
      expect(handler.status).toBe(403);
      expect((await api(ids.urgent)).status).toBe('assigned');
    });

    it('lets a supervisor transfer; the complaint leaves the mission and the inbox says so', async () => {
      const res = await post('supervisor', ids.spare, 'transfer', {
        missionCode: 'tokyo',
        reason: 'Pelapor tinggal di wilayah kerja KBRI Tokyo.',
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/console/inbox?done=transfer');
      const inbox = (await page('supervisor', res.headers.location).expect(200)).text;
      expect(text(inbox)).toContain('Pengaduan telah dialihkan');
      expect(inbox).not.toContain(ids.spare);
      expect((await api(ids.spare)).missionCode).toBe('tokyo');
      expect((await page('tokyo', '/console/inbox').expect(200)).text).toContain(ids.spare);
      await page('supervisor', `/console/complaints/${ids.spare}`).expect(404);
    });

    it('refuses an unknown action with a 404 page', async () => {
      const res = await post('osaka', ids.urgent, 'delete', {});
      expect(res.status).toBe(404);
    });
  });

  it('pages through the inbox with "next" and "first page" links (25 a page)', async () => {
    const more = await bed.intake(
      Array.from({ length: 21 }, (_, i) => ({
        title: `Perpanjangan paspor Tokyo ${i + 1}`,
        content: 'Saya tinggal di Shinjuku, Tokyo. Bagaimana memperpanjang paspor?',
      })),
    );
    expect(more.every((c) => c.missionCode === 'tokyo')).toBe(true);
    const first = (await page('monitor', '/console/inbox?sort=oldest').expect(200)).text;
    expect(first.match(/<tr data-id=/g)).toHaveLength(25);
    expect(first).not.toContain('id="page-first"');
    const href = /<a href="([^"]+)" class="button" id="page-next"/.exec(first)![1].replace(/&amp;/g, '&');
    expect(href).toContain('sort=oldest');
    const second = (await page('monitor', href).expect(200)).text;
    expect(second.match(/<tr data-id=/g)).toHaveLength(1);
    expect(second).toContain(more[20].id);
    expect(second).toContain('id="page-first"');
    expect(second).not.toContain('id="page-next"');
  });
});
