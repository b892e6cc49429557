import { DataSource } from 'typeorm';
import { UserService } from '../../src/modules/auth/user.service';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';
import { createUser, csrfOf, signedInAgent, type TestUser } from './console.helper';

/**
 * Issue 8's second reading: what a tampered URL, an id in upper case or a one-time password must
 * not get past, and who sees a secret complaint's reporter on the complaint page.
 */

/** A list cursor as the pages make them (base64url JSON), with chosen contents. */
const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const NIL = '00000000-0000-0000-0000-000000000000';

describe('console (second reading)', () => {
  let bed: WorkflowBed;
  let ds: DataSource;
  let admin: TestUser;

  beforeAll(async () => {
    bed = await startWorkflowBed('console-review');
    ds = bed.t.app.get(DataSource);
    admin = await createUser(bed, 'admin');
  });
  afterAll(() => bed?.close());

  it('answers a tampered cursor of the dead letters and the quarantine, or a dead letter id that is no uuid, with a 4xx page, not a 500', async () => {
    const { agent, csrf } = await signedInAgent(bed, admin);
    // Each passes a loose check (Date.parse, [0-9a-f-]{36}) but is no timestamptz or uuid to Postgres.
    const bad = [
      cursor(['0', NIL]),
      cursor(['March 7', NIL]),
      cursor(['2026-02-30 10:00:00+00', NIL]),
      cursor(['2026-03-12 10:00:00+00', '0'.repeat(36)]),
    ];
    for (const page of ['dead-letters', 'quarantine'])
      for (const c of bad) {
        const res = await agent.get(`/console/admin/${page}?cursor=${c}`);
        expect({ page, c, status: res.status }).toEqual({ page, c, status: 400 });
        expect(res.text).toContain('VALIDATION_FAILED');
      }
    // A cursor as the pages make them still works.
    const good = cursor(['2026-03-12 10:00:00.123456+00', NIL]);
    expect((await agent.get(`/console/admin/dead-letters?cursor=${good}`)).status).toBe(200);
    expect((await agent.get(`/console/admin/quarantine?cursor=${good}`)).status).toBe(200);

    const token = await csrf('/console/admin/dead-letters');
    for (const id of ['0'.repeat(36), '-'.repeat(36)]) {
      const res = await agent
        .post(`/console/admin/dead-letters/${id}/retry`)
        .type('form')
        .send({ _csrf: token });
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
      expect(res.text).toContain('DEAD_LETTER_NOT_FOUND');
    }
  });

  it('refuses an admin disabling or resetting their own account by the id in upper case as it does in lower case', async () => {
    const self = await createUser(bed, 'admin');
    const { agent, csrf } = await signedInAgent(bed, self);
    const token = await csrf('/console/admin/users');
    const res = await agent
      .post(`/console/admin/users/${self.id.toUpperCase()}/disable`)
      .type('form')
      .send({ _csrf: token });
    expect(res.status).toBe(400);
    expect(res.text).toContain('USER_DISABLE_SELF');
    expect((await bed.t.app.get(UserService).get(self.id)).disabledAt).toBeNull();
    // Resetting their own password keeps the session they did it from, whatever the id's case.
    const reset = await agent
      .post(`/console/admin/users/${self.id.toUpperCase()}/reset`)
      .type('form')
      .send({ _csrf: token });
    expect(reset.status).toBe(200);
    const after = await agent.get('/console/inbox');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/console/password');
  });

  it('keeps a person with a one-time password out of the dashboard and the API until they have replaced it', async () => {
    const { password } = await bed.t.app
      .get(UserService)
      .create({ email: 'monitor.baru@kemlu.test', role: 'monitor' });
    const user: TestUser = {
      id: '',
      email: 'monitor.baru@kemlu.test',
      password,
      role: 'monitor',
      missionCode: null,
    };
    const { agent } = await signedInAgent(bed, user);
    const dash = await agent.get('/dashboard');
    expect(dash.status).toBe(302);
    expect(dash.headers.location).toBe('/console/password');
    expect((await agent.get('/api/v1/auth/whoami')).status).toBe(401);
    expect((await agent.get('/api/v1/reports/breaches')).status).toBe(401);

    const page = await agent.get('/console/password').expect(200);
    await agent
      .post('/console/password')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        current: password,
        password: 'laporan-sla-2026',
        confirm: 'laporan-sla-2026',
      })
      .expect(303);
    expect((await agent.get('/dashboard')).status).toBe(200);
    expect((await agent.get('/api/v1/auth/whoami')).status).toBe(200);
  });

  it('shows a secret complaint’s reporter to its mission’s handler only, audited, and to no monitor, admin or other mission', async () => {
    const reporter = { name: 'Rahasia Wulandari', email: 'rahasia.w@example.org', phone: '+81 90-1234-5678' };
    const [{ id }] = await bed.intake([
      osakaComplaint({ title: 'Pungutan liar', is_secret: true, reporter }),
    ]);
    const viewers = {
      handler: await createUser(bed, 'handler', 'osaka'),
      otherSupervisor: await createUser(bed, 'supervisor', 'tokyo'),
      monitor: await createUser(bed, 'monitor'),
      admin,
    };
    const reads = async () =>
      Number(
        (
          await ds.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM audit_log WHERE action = 'reporter.read' AND complaint_id = $1`,
            [id],
          )
        )[0].n,
      );
    for (const [who, user] of Object.entries(viewers)) {
      const { agent } = await signedInAgent(bed, user);
      const before = await reads();
      const res = await agent.get(`/console/complaints/${id}`);
      if (who === 'handler') {
        expect(res.status).toBe(200);
        expect(res.text).toContain(reporter.name);
        expect(await reads()).toBe(before + 1);
        continue;
      }
      expect({ who, status: res.status }).toEqual({ who, status: who === 'otherSupervisor' ? 404 : 200 });
      for (const v of Object.values(reporter))
        expect({ who, leaked: res.text.includes(v) }).toEqual({ who, leaked: false });
      expect(await reads()).toBe(before);
    }
  });
});
