import request from 'supertest';
import { LOCKOUT_THRESHOLD } from '../../src/modules/auth/user.service';
import { SlaSweepService } from '../../src/modules/sla/sla-sweep.service';
import { control } from '../intake/poller.helper';
import { waitFor } from '../helpers/wait-for';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import { createUser, csrfOf, signedInAgent, type TestUser } from './console.helper';

/**
 * Issue 8, the ministry and admin pages of the console, through HTTP as a browser posts its forms:
 * monitors see every mission's figures and the breach list (a supervisor only their mission's
 * breaches); admins manage accounts (one-time passwords shown once, sessions ended at once), missions'
 * settings and closures, dead letters and the quarantine; nobody else gets in.
 */
describe('console: ministry and admin pages', () => {
  let bed: WorkflowBed;

  beforeAll(async () => {
    // A permanent LAPOR! refusal makes a dead letter at the first attempt; quick retries otherwise.
    bed = await startWorkflowBed('console_ministry', { SYNC_RETRY_BASE_S: '1', SYNC_ALERT_ATTEMPTS: '2' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  type Agent = Awaited<ReturnType<typeof signedInAgent>> & { token: string };
  /** A signed-in agent with its session's CSRF token, read from a page as a browser would. */
  const agentOf = async (user: TestUser): Promise<Agent> => {
    const a = await signedInAgent(bed, user);
    return { ...a, token: await a.csrf('/console/password') };
  };
  const as = async (role: TestUser['role'], mission?: string): Promise<Agent> =>
    agentOf(await createUser(bed, role, mission));
  /** Posts a form as the page would, with the session's CSRF token. */
  const post = (a: Agent, path: string, form: Record<string, string | string[]> = {}) =>
    a.agent
      .post(path)
      .type('form')
      .send({ _csrf: a.token, ...form });
  const signIn = async (email: string, password: string) => {
    const agent = request.agent(bed.t.url);
    const login = await agent.get('/console/login').expect(200);
    const res = await agent
      .post('/console/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email, password });
    return { agent, res };
  };
  const otpOf = (html: string) => /id="one-time-password">([^<]+)</.exec(html)?.[1];

  describe('ministry pages', () => {
    let osakaId: string;
    let berlinId: string;

    beforeAll(async () => {
      const [osaka, berlin] = await bed.intake([
        osakaComplaint({ title: 'Konsol: paspor hilang di Osaka' }),
        { title: 'Legalisir ijazah', content: 'Saya di Berlin, berapa lama legalisir ijazah di KBRI?' },
      ]);
      expect([osaka.missionCode, berlin.missionCode]).toEqual(['osaka', 'berlin']);
      [osakaId, berlinId] = [osaka.id, berlin.id];
      // A month later both are past every acknowledgement deadline: open breaches.
      await bed.t.app.get(SlaSweepService).sweep(() => new Date(Date.now() + 30 * 86_400_000));
    });

    it('shows a monitor every mission with its figures, linking to its inbox, filtered by region', async () => {
      const monitor = await as('monitor');
      const page = await monitor.agent.get('/console/missions').expect(200);
      expect(page.text).toContain('href="/console/inbox?mission=osaka"');
      expect(page.text).toContain('href="/console/inbox?mission=berlin"');
      const osakaRow = /<tr data-mission="osaka">([\s\S]*?)<\/tr>/.exec(page.text)![1];
      // The same figures as the KPI report.
      const kpi = (await (await bed.as('monitor')).get('/api/v1/reports/kpi').expect(200)).body as {
        byMission: { missionCode: string; open: number; breached: number }[];
      };
      const figures = kpi.byMission.find((m) => m.missionCode === 'osaka')!;
      expect(figures.open).toBe(1);
      expect(osakaRow).toMatch(/data-field="open">\s*1\s*</);
      expect(osakaRow).toMatch(
        new RegExp(`data-field="breached">\\s*(<span class="badge breached">)?${figures.breached}<`),
      );
      expect(page.text).toContain('Kinerja perwakilan');

      const europe = await monitor.agent.get('/console/missions?region=Eropa').expect(200);
      expect(europe.text).toContain('data-mission="berlin"');
      expect(europe.text).not.toContain('data-mission="osaka"');
      const bad = await monitor.agent.get('/console/missions?region=Mars').expect(400);
      expect(bad.text).toContain('VALIDATION_FAILED');
    });

    it('lists open breaches oldest first with mission, clock, due time (local and WIB) and the complaint link', async () => {
      const monitor = await as('monitor');
      const page = await monitor.agent.get('/console/breaches').expect(200);
      expect(page.text).toContain(`href="/console/complaints/${osakaId}"`);
      expect(page.text).toContain(`href="/console/complaints/${berlinId}"`);
      expect(page.text).toContain('Konfirmasi penerimaan');
      // Osaka's due time in Osaka's local time (zone Asia/Tokyo) and in WIB.
      const osakaRow = new RegExp(`<tr data-complaint="${osakaId}">([\\s\\S]*?)</tr>`).exec(page.text)![1];
      expect(osakaRow).toMatch(/Osaka · .* WIB/);
      const onlyBerlin = await monitor.agent.get('/console/breaches?mission=berlin').expect(200);
      expect(onlyBerlin.text).not.toContain(osakaId);
      expect(onlyBerlin.text).toContain(berlinId);
    });

    it('scopes a supervisor’s breaches to their mission, and keeps handlers out', async () => {
      const supervisor = await as('supervisor', 'osaka');
      const page = await supervisor.agent.get('/console/breaches').expect(200);
      expect(page.text).toContain(osakaId);
      expect(page.text).not.toContain(berlinId);
      // Another mission's filter shows nothing of it.
      expect((await supervisor.agent.get('/console/breaches?mission=berlin').expect(200)).text).not.toContain(
        berlinId,
      );
      expect((await supervisor.agent.get('/console/missions').expect(403)).text).toContain('FORBIDDEN_ROLE');

      const handler = await as('handler', 'osaka');
      expect((await handler.agent.get('/console/missions').expect(403)).text).toContain('FORBIDDEN_ROLE');
      expect((await handler.agent.get('/console/breaches').expect(403)).text).toContain('FORBIDDEN_ROLE');
    });
  });

  describe('users', () => {
    let admin: Agent;
    let adminUser: TestUser;
    beforeAll(async () => {
      adminUser = await createUser(bed, 'admin');
      admin = await agentOf(adminUser);
    });
    const USERS = '/console/admin/users';

    it('creates a user, shows the one-time password once, and the user signs in with it to change it', async () => {
      const created = await post(admin, USERS, {
        email: 'Petugas.Baru@kemlu.test',
        displayName: 'Petugas Baru',
        role: 'handler',
        missionCode: 'osaka',
        locale: 'id',
      }).expect(200);
      expect(created.headers['cache-control']).toBe('no-store');
      const otp = otpOf(created.text);
      expect(otp).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);

      const list = await admin.agent.get(USERS).expect(200);
      expect(list.text).toContain('petugas.baru@kemlu.test');
      expect(list.text).not.toContain(otp);

      const { res } = await signIn('petugas.baru@kemlu.test', otp!);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/console/password');
    });

    it('re-renders the form with messages (400) on invalid input, and 409 on a taken e-mail', async () => {
      const bad = await post(admin, USERS, {
        email: 'bukan-surel',
        role: 'handler',
        missionCode: '',
      }).expect(400);
      expect(bad.text).toContain('id="create-errors"');
      expect(bad.text).toContain('harus berupa alamat surel yang sah');
      expect(bad.text).toContain('petugas dan supervisor harus terdaftar pada satu perwakilan');
      expect(bad.text).toContain('value="bukan-surel"');
      const monitorWithMission = await post(admin, USERS, {
        email: 'pemantau.x@kemlu.test',
        role: 'monitor',
        missionCode: 'osaka',
      }).expect(400);
      expect(monitorWithMission.text).toContain('kosongkan pilihan perwakilan');
      const wrongRole = await post(admin, USERS, { email: 'x@kemlu.test', role: 'root' }).expect(400);
      expect(wrongRole.text).toContain('pilih salah satu peran');

      const taken = await createUser(bed, 'monitor');
      const dup = await post(admin, USERS, { email: taken.email, role: 'monitor' }).expect(409);
      expect(dup.text).toContain('sudah ada pengguna dengan surel ini');
    });

    it('resets a password: a new one-time password once, and the user’s sessions end', async () => {
      const user = await createUser(bed, 'handler', 'osaka');
      const session = await signedInAgent(bed, user);
      await session.agent.get('/console/password').expect(200);

      const reset = await post(admin, `${USERS}/${user.id}/reset`).expect(200);
      const otp = otpOf(reset.text)!;
      expect(otp).toBeTruthy();
      expect((await session.agent.get('/console/password').expect(302)).headers.location).toMatch(
        /^\/console\/login/,
      );
      expect((await signIn(user.email, user.password)).res.status).toBe(401);
      const { res } = await signIn(user.email, otp);
      expect(res.headers.location).toBe('/console/password');
    });

    it('disables a user (their session ends at once), enables them again', async () => {
      const user = await createUser(bed, 'supervisor', 'osaka');
      const session = await signedInAgent(bed, user);
      await session.agent.get('/console/password').expect(200);

      const done = await post(admin, `${USERS}/${user.id}/disable`).expect(303);
      expect(done.headers.location).toBe(`${USERS}?done=userDisabled`);
      expect((await admin.agent.get(done.headers.location).expect(200)).text).toContain(
        'Akun dinonaktifkan dan semua sesinya diakhiri.',
      );
      expect((await session.agent.get('/console/password').expect(302)).headers.location).toMatch(
        /^\/console\/login/,
      );
      expect((await signIn(user.email, user.password)).res.status).toBe(401);

      await post(admin, `${USERS}/${user.id}/enable`).expect(303);
      expect((await signIn(user.email, user.password)).res.status).toBe(303);
    });

    it('unlocks an account locked by failed sign-ins', async () => {
      const user = await createUser(bed, 'handler', 'osaka');
      for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await signIn(user.email, 'salah-salah-salah');
      expect((await signIn(user.email, user.password)).res.status).toBe(401);
      const row = (await admin.agent.get(USERS).expect(200)).text;
      expect(new RegExp(`data-user="${user.email}">[\\s\\S]*?Terkunci`).test(row)).toBe(true);

      const done = await post(admin, `${USERS}/${user.id}/unlock`).expect(303);
      expect(done.headers.location).toBe(`${USERS}?done=userUnlocked`);
      expect((await signIn(user.email, user.password)).res.status).toBe(303);
    });

    it('refuses a post without the CSRF token, and an admin disabling themselves', async () => {
      const user = await createUser(bed, 'handler', 'osaka');
      expect(
        (await admin.agent.post(`${USERS}/${user.id}/disable`).type('form').send({}).expect(403)).text,
      ).toContain('CSRF_TOKEN_INVALID');
      const self = await post(admin, `${USERS}/${adminUser.id}/disable`).expect(400);
      expect(self.text).toContain('Admin tidak dapat menonaktifkan akunnya sendiri.');
      expect((await signIn(user.email, user.password)).res.status).toBe(303);
    });
  });

  describe('missions and closures', () => {
    let admin: Agent;
    beforeAll(async () => {
      admin = await as('admin');
    });
    const PAGE = '/console/admin/missions/osaka';
    const current = async () =>
      (await (await bed.as('admin')).get('/api/v1/missions/osaka').expect(200)).body;
    const formOf = (m: {
      name: string;
      laporInstitutionId: string | null;
      officeHours: { open: string; close: string };
      timezone: string;
      weekendDays: number[];
      notes: string | null;
    }) => ({
      name: m.name,
      laporInstitutionId: m.laporInstitutionId ?? '',
      open: m.officeHours.open,
      close: m.officeHours.close,
      timezone: m.timezone,
      weekendDays: m.weekendDays.map(String),
      notes: m.notes ?? '',
    });

    it('lists missions and edits office hours and the LAPOR! institution id, as the API then shows', async () => {
      const list = await admin.agent.get('/console/admin/missions').expect(200);
      expect(list.text).toContain(`href="${PAGE}"`);
      const before = await current();
      const done = await post(admin, PAGE, {
        ...formOf(before),
        open: '08:30',
        close: '16:30',
        laporInstitutionId: 'KJRI-OSAKA-01',
      }).expect(303);
      expect(done.headers.location).toBe(`${PAGE}?done=missionSaved`);
      const after = await current();
      expect(after).toMatchObject({
        officeHours: { open: '08:30', close: '16:30' },
        laporInstitutionId: 'KJRI-OSAKA-01',
        timezone: before.timezone,
        weekendDays: before.weekendDays,
      });
      // Only what changed is marked as the admin's (kept on re-seeding).
      expect(after.adminEditedFields).toEqual(
        expect.arrayContaining(['lapor_institution_id', 'office_hours']),
      );
      expect(after.adminEditedFields).not.toContain('timezone');
      expect((await admin.agent.get(done.headers.location).expect(200)).text).toContain(
        'Data perwakilan disimpan.',
      );
    });

    it('re-renders the form with messages (400) on invalid settings, changing nothing', async () => {
      const before = await current();
      const bad = await post(admin, PAGE, {
        ...formOf(before),
        open: '17:00',
        close: '09:00',
        timezone: 'Mars/Olympus',
        laporInstitutionId: 'spasi tidak boleh',
      }).expect(400);
      expect(bad.text).toContain('id="mission-errors"');
      expect(bad.text).toContain('harus lebih lambat dari jam buka');
      expect(bad.text).toContain('harus nama zona IANA');
      expect(bad.text).toContain('hanya huruf, angka, titik');
      expect(bad.text).toContain('value="Mars/Olympus"');
      expect(await current()).toMatchObject({ officeHours: before.officeHours, timezone: before.timezone });
    });

    it('adds and deletes a closure of the mission', async () => {
      const done = await post(admin, `${PAGE}/closures`, {
        date: '2031-03-04',
        name: 'Pemadaman listrik gedung',
      }).expect(303);
      expect(done.headers.location).toBe(`${PAGE}?done=closureAdded`);
      const api = await bed.as('admin');
      const entries = async () =>
        (await api.get('/api/v1/calendars/holidays?scope=osaka&year=2031').expect(200)).body.data as {
          id: string;
          date: string;
          kind: string;
          name: string;
        }[];
      const [closure] = await entries();
      expect(closure).toMatchObject({
        date: '2031-03-04',
        kind: 'closure',
        name: 'Pemadaman listrik gedung',
      });
      const page = await admin.agent.get(PAGE).expect(200);
      expect(page.text).toContain('Pemadaman listrik gedung');

      const dup = await post(admin, `${PAGE}/closures`, { date: '2031-03-04', name: 'Lagi' }).expect(409);
      expect(dup.text).toContain('pada tanggal ini sudah ada hari tutup');
      const bad = await post(admin, `${PAGE}/closures`, { date: '2031-02-30', name: '' }).expect(400);
      expect(bad.text).toContain('id="closure-errors"');
      expect(bad.text).toContain('isi tanggal yang sah');

      // A national holiday cannot be deleted through a mission's page.
      const national = (await api.get('/api/v1/calendars/holidays?scope=national').expect(200)).body.data as {
        id: string;
      }[];
      if (national.length) await post(admin, `${PAGE}/closures/${national[0].id}/delete`).expect(404);

      const deleted = await post(admin, `${PAGE}/closures/${closure.id}/delete`).expect(303);
      expect(deleted.headers.location).toBe(`${PAGE}?done=closureDeleted`);
      expect(await entries()).toEqual([]);
    });

    it('answers an unknown mission with the 404 page', async () => {
      const res = await admin.agent.get('/console/admin/missions/atlantis').expect(404);
      expect(res.text).toContain('MISSION_NOT_FOUND');
    });
  });

  describe('dead letters and quarantine', () => {
    let admin: Agent;
    beforeAll(async () => {
      admin = await as('admin');
    });
    const DEAD = '/console/admin/dead-letters';

    it('lists a dead letter and retries it, as POST /api/v1/admin/dead-letters/{id}/retry does', async () => {
      const [c] = await bed.intake([osakaComplaint()]);
      expect(c.missionCode).toBe('osaka');
      await control(bed.laporUrl).fault({
        kind: 'status',
        status: 422,
        times: 1,
        path: '/complaints/followup/add',
        method: 'POST',
      });
      const handler = await bed.as('handler', 'osaka');
      const etag = (await handler.get(`/api/v1/complaints/${c.id}`).expect(200)).headers.etag;
      await handler
        .post(`/api/v1/complaints/${c.id}/followups`)
        .set('If-Match', etag)
        .send({ visibility: 'public', content: 'Jawaban yang ditolak LAPOR!.' })
        .expect(200);
      const api = await bed.as('admin');
      let dead: { id: string; complaintId: string; retriedAt: string | null }[] = [];
      await waitFor(async () => {
        dead = (await api.get('/api/v1/admin/dead-letters?open=true').expect(200)).body.data;
        return dead.some((d) => d.complaintId === c.id);
      }, 'a dead letter');
      const d = dead.find((x) => x.complaintId === c.id)!;

      const page = await admin.agent.get(DEAD).expect(200);
      expect(page.text).toContain(`action="${DEAD}/${d.id}/retry"`);
      expect(page.text).toContain(`href="/console/complaints/${c.id}"`);
      expect(page.text).toContain('LAPOR_REJECTED');

      const done = await post(admin, `${DEAD}/${d.id}/retry`).expect(303);
      expect(done.headers.location).toBe(`${DEAD}?done=deadLetterRetried`);
      const all = (await api.get('/api/v1/admin/dead-letters').expect(200)).body.data as typeof dead;
      expect(all.find((x) => x.id === d.id)!.retriedAt).toBeTruthy();
      expect((await admin.agent.get(DEAD).expect(200)).text).not.toContain(`${DEAD}/${d.id}/retry`);
      const again = await post(admin, `${DEAD}/${d.id}/retry`).expect(409);
      expect(again.text).toContain('DEAD_LETTER_ALREADY_RETRIED');
    });

    it('lists quarantined complaints, linking to the complaint page', async () => {
      const [laporId] = await control(bed.laporUrl).create([
        { title: 'Kategori baru', category_id: '999', category_name: 'Kategori Baru' },
      ]);
      await bed.poll();
      let page = '';
      await waitFor(async () => {
        page = (await admin.agent.get('/console/admin/quarantine').expect(200)).text;
        return page.includes(`>${laporId}</a>`);
      }, 'the quarantined complaint on the page');
      expect(page).toMatch(new RegExp(`href="/console/complaints/[0-9a-f-]{36}">${laporId}</a>`));
      await admin.agent.get('/console/admin/quarantine?cursor=rusak').expect(400);
    });
  });

  it('has every message of its pages in both languages', async () => {
    const admin = await as('admin');
    const pages = [
      '/console/missions',
      '/console/breaches',
      '/console/admin/users',
      '/console/admin/missions',
      '/console/admin/missions/osaka',
      '/console/admin/dead-letters?all=1',
      '/console/admin/quarantine',
    ];
    for (const locale of ['en', 'id']) {
      await admin.agent.get(`/console/lang/${locale}`).expect(302);
      for (const path of pages) {
        const html = (await admin.agent.get(path).expect(200)).text;
        expect({ path, locale, missing: html.match(/⟦[^⟧]*⟧/g) }).toEqual({ path, locale, missing: null });
      }
    }
  });

  it('refuses every admin page and post to a non-admin (403)', async () => {
    const user = await createUser(bed, 'handler', 'osaka');
    for (const role of ['monitor', 'supervisor', 'handler'] as const) {
      const who = await as(role, role === 'monitor' ? undefined : 'osaka');
      // A valid CSRF token from a page the role may open: the refusal is the role's, not the form's.
      const token = await who.csrf('/console/password');
      for (const path of [
        '/console/admin/users',
        '/console/admin/missions',
        '/console/admin/missions/osaka',
        '/console/admin/dead-letters',
        '/console/admin/quarantine',
      ])
        expect((await who.agent.get(path).expect(403)).text).toContain('FORBIDDEN_ROLE');
      for (const path of [
        '/console/admin/users',
        `/console/admin/users/${user.id}/reset`,
        `/console/admin/users/${user.id}/disable`,
        `/console/admin/users/${user.id}/enable`,
        `/console/admin/users/${user.id}/unlock`,
        '/console/admin/missions/osaka',
        '/console/admin/missions/osaka/closures',
        '/console/admin/missions/osaka/closures/1/delete',
        '/console/admin/dead-letters/00000000-0000-4000-8000-000000000000/retry',
      ])
        expect(
          (
            await who.agent
              .post(path)
              .type('form')
              .send({ _csrf: token, email: 'x@kemlu.test', role: 'admin', date: '2031-01-01', name: 'x' })
              .expect(403)
          ).text,
        ).toContain('FORBIDDEN_ROLE');
    }
    // The user nobody could touch is unchanged: still able to sign in with the same password.
    expect((await signIn(user.email, user.password)).res.status).toBe(303);
  });
});
