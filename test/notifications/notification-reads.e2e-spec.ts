import { DataSource } from 'typeorm';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { waitFor } from '../helpers/wait-for';
import { createUser, csrfOf, signedInAgent, type TestUser } from '../console/console.helper';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from '../workflow/workflow.helper';

/**
 * Issue 7: "Notifications: in-app list per user". A notification goes to an office; every person of
 * the office sees it, and each marks it read for themselves — over the API (tokens) and in the
 * console (people) — while other offices neither see it nor can mark it.
 */
/** The nav's unread badge of a console page, or null when it has none. */
function navUnread(html: string): string | null {
  return /<span class="count" id="nav-unread">(.*?)<\/span><\/a>/.exec(html)?.[1] ?? null;
}

describe('in-app notifications: one list per person', () => {
  let bed: WorkflowBed;
  let complaintIds: string[];
  let ana: TestUser;
  let budi: TestUser;

  interface Notice {
    id: string;
    kind: string;
    missionCode: string;
    complaintId: string | null;
    readAt: string | null;
  }
  const listAs = async (role: 'handler' | 'supervisor' | 'monitor', mission?: string, query = '') => {
    const api = await bed.as(role, mission);
    const res = await api.get(`/api/v1/notifications${query}`).expect(200);
    return res.body as { data: Notice[]; nextCursor: string | null; unreadCount: number };
  };

  beforeAll(async () => {
    bed = await startWorkflowBed('notification-reads');
    const made = await bed.intake([osakaComplaint(), osakaComplaint(), osakaComplaint()]);
    complaintIds = made.map((c) => c.id);
    // Routing tells Osaka about each complaint (the notify job runs after the routing commit).
    await waitFor(
      async () => (await listAs('handler', 'osaka')).data.length >= 3,
      'three notices for Osaka',
      15_000,
    );
    ana = await createUser(bed, 'handler', 'osaka', { displayName: 'Ana' });
    budi = await createUser(bed, 'handler', 'osaka', { displayName: 'Budi' });
  });
  afterAll(() => bed?.close());

  it('lists the office’s notices, each unread, with an unread count', async () => {
    const list = await listAs('handler', 'osaka');
    const assigned = list.data.filter((n) => n.kind === 'complaint.assigned');
    expect(assigned.map((n) => n.complaintId).sort()).toEqual([...complaintIds].sort());
    expect(list.data.every((n) => n.missionCode === 'osaka' && n.readAt === null)).toBe(true);
    expect(list.unreadCount).toBe(list.data.length);
    // Tokyo's people see none of Osaka's.
    expect((await listAs('handler', 'tokyo')).data.filter((n) => n.missionCode === 'osaka')).toEqual([]);
  });

  it('marking read is the reader’s own: the supervisor of the same office still sees it unread', async () => {
    const before = await listAs('handler', 'osaka');
    const target = before.data[1];
    const handler = await bed.as('handler', 'osaka');
    const marked = await handler.post(`/api/v1/notifications/${target.id}/read`).expect(200);
    expect(marked.body).toMatchObject({ id: target.id, readAt: expect.any(String) });

    const mine = await listAs('handler', 'osaka');
    expect(mine.data.find((n) => n.id === target.id)?.readAt).toBe(marked.body.readAt);
    expect(mine.unreadCount).toBe(before.unreadCount - 1);
    expect((await listAs('handler', 'osaka', '?unread=true')).data.map((n) => n.id)).not.toContain(target.id);

    const theirs = await listAs('supervisor', 'osaka');
    expect(theirs.data.find((n) => n.id === target.id)?.readAt).toBeNull();
    expect(theirs.unreadCount).toBe(before.unreadCount);

    // Again: the first time stays.
    const again = await handler.post(`/api/v1/notifications/${target.id}/read`).expect(200);
    expect(again.body.readAt).toBe(marked.body.readAt);
  });

  it('another office’s notice, or no such id, is 404 NOTIFICATION_NOT_FOUND and marks nothing', async () => {
    const osaka = (await listAs('supervisor', 'osaka')).data[0];
    const tokyo = await bed.as('handler', 'tokyo');
    for (const id of [osaka.id, '999999999', 'abc']) {
      const res = await tokyo.post(`/api/v1/notifications/${id}/read`).expect(404);
      expect(res.body.code).toBe('NOTIFICATION_NOT_FOUND');
    }
    expect((await listAs('supervisor', 'osaka')).data[0].readAt).toBeNull();
  });

  it('marks all read up to the newest seen, so one arriving later stays unread', async () => {
    const supervisor = await bed.as('supervisor', 'osaka');
    const seen = await listAs('supervisor', 'osaka');
    const upTo = seen.data[1].id; // as if the newest had arrived after the page was read
    const res = await supervisor.post('/api/v1/notifications/read-all').send({ upTo }).expect(200);
    expect(res.body.marked).toBe(seen.data.length - 1);
    const after = await listAs('supervisor', 'osaka', '?unread=true');
    expect(after.data.map((n) => n.id)).toEqual([seen.data[0].id]);
    expect(after.unreadCount).toBe(1);
    const bad = await supervisor.post('/api/v1/notifications/read-all').send({ upTo: 'x' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('in the console each person has their own list: Ana marks one read, Budi still sees it new', async () => {
    const a = await signedInAgent(bed, ana);
    const page = await a.agent.get('/console/notifications').expect(200);
    const ids = [...page.text.matchAll(/data-notification="(\d+)" data-read="no"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(page.text).toContain('Pengaduan baru untuk perwakilan');
    expect(page.text).toContain(`/console/complaints/${complaintIds[0]}`);

    const done = await a.agent
      .post(`/console/notifications/${ids[0]}/read`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), back: '/console/notifications?unread=1' })
      .expect(303);
    expect(done.headers.location).toBe('/console/notifications?unread=1&done=notificationRead');
    const unreadOnly = await a.agent.get(done.headers.location).expect(200);
    expect(unreadOnly.text).toContain('Ditandai dibaca.');
    expect(unreadOnly.text).not.toContain(`data-notification="${ids[0]}"`);
    expect(unreadOnly.text).toContain(`${ids.length - 1} belum dibaca`);
    // Every page's nav carries the count, in words for screen readers.
    const inbox = await a.agent.get('/console/inbox').expect(200);
    expect(navUnread(inbox.text)).toBe(
      `<span aria-hidden="true">${ids.length - 1}</span><span class="sr-only">${ids.length - 1} belum dibaca</span>`,
    );

    const b = await signedInAgent(bed, budi);
    const theirs = await b.agent.get('/console/notifications').expect(200);
    expect(theirs.text).toContain(`data-notification="${ids[0]}" data-read="no"`);

    // Budi marks all read; a redirect outside the list is not followed.
    const all = await b.agent
      .post('/console/notifications/read-all')
      .type('form')
      .send({ _csrf: csrfOf(theirs.text), upTo: ids[0], back: 'https://evil.example/' })
      .expect(303);
    expect(all.headers.location).toBe('/console/notifications?done=notificationsRead');
    const cleared = await b.agent.get('/console/notifications?unread=1').expect(200);
    expect(cleared.text).toContain('0 belum dibaca');
    expect(cleared.text).toContain('Tidak ada pemberitahuan.');
    expect(navUnread(cleared.text)).toBeNull();
  });

  it('a Tokyo handler cannot mark Osaka’s notice in the console either', async () => {
    const osaka = (await listAs('supervisor', 'osaka')).data[0];
    const tokyoUser = await createUser(bed, 'handler', 'tokyo');
    const t = await signedInAgent(bed, tokyoUser);
    const page = await t.agent.get('/console/notifications').expect(200);
    expect(page.text).not.toContain(`data-notification="${osaka.id}"`);
    const res = await t.agent
      .post(`/console/notifications/${osaka.id}/read`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(res.status).toBe(404);
    expect(res.text).toContain('NOTIFICATION_NOT_FOUND');
  });

  it('a mission’s people see the notices of the desks inside it; other offices do not', async () => {
    const service = bed.t.app.get(NotificationsService);
    await service.record({
      correlationId: 'desk-test',
      kind: 'sync.digest',
      missionCode: 'hq-protokol',
      complaintId: null,
      facts: { deadLetters: 1, syncBacklog: 0 },
      priority: 'normal',
      dedupeKey: 'desk-test-hq-protokol',
    });
    const seen = async (mission: string) =>
      (await listAs('handler', mission)).data.filter((n) => n.missionCode === 'hq-protokol');
    const [notice] = await seen('hq-djpk');
    expect(notice).toBeDefined();
    expect(await seen('hq-protokol')).toHaveLength(1);
    expect(await seen('osaka')).toHaveLength(0);
    const djpk = await bed.as('handler', 'hq-djpk');
    await djpk.post(`/api/v1/notifications/${notice.id}/read`).expect(200);
  });

  it('counts, filters and marks unread only among the newest 1,000, so no call grows with the history', async () => {
    const ds = bed.t.app.get(DataSource);
    await ds.query(
      `INSERT INTO notifications (mission_code, kind, priority, payload, dedupe_key)
       SELECT 'vienna', 'sync.digest', 'normal', '{}', 'window-test-' || g FROM generate_series(1, 1005) g`,
    );
    const before = await listAs('handler', 'vienna', '?unread=true&limit=200');
    expect(before.unreadCount).toBe(1000);
    const vienna = await bed.as('handler', 'vienna');
    const res = await vienna.post('/api/v1/notifications/read-all').send({}).expect(200);
    expect(res.body.marked).toBe(1000);
    const after = await listAs('handler', 'vienna', '?unread=true');
    expect(after).toMatchObject({ unreadCount: 0, data: [] });
    // The five oldest were never marked: they are simply past the window of what counts as new.
    const [{ n }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications n WHERE mission_code = 'vienna'
         AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id)`,
    );
    expect(n).toBe(5);
  });
});
