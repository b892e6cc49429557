import type { Role } from '../../src/modules/auth/role';
import { MINISTRY_ESCALATION_LEVEL, MINISTRY_OFFICE } from '../../src/modules/complaints/complaint-scope';
import {
  ACTIONS,
  TRANSITIONS,
  isHandlerAction,
  transition,
  type HandlerAction,
} from '../../src/modules/complaints/complaint-state-machine';
import type { ComplaintStatus } from '../../src/modules/complaints/complaint.types';
import { waitFor } from '../helpers/wait-for';
import { control } from '../intake/poller.helper';
import { osakaComplaint, startWorkflowBed, type WorkflowBed } from './workflow.helper';

/**
 * Issue 5: "every forbidden transition gives 409". For each status the API can reach and each action
 * route, the HTTP layer must do what the state machine's table says (TRANSITIONS, pinned by
 * complaint-state-machine.spec.ts's GRID): refused pairs answer 409 COMPLAINT_INVALID_TRANSITION and
 * change nothing; allowed pairs are applied and lead to transition(action, status).to.
 */

/** Every action a client can ask for; a reporter's reply and closing come from LAPOR!, not a route. */
const ROUTE_ACTIONS = ACTIONS.filter(isHandlerAction);
type RouteAction = HandlerAction;

/** `received` lasts only until the routing job runs: not a status a client can count on acting in. */
const STATUSES = [
  'triage',
  'assigned',
  'acknowledged',
  'awaiting_reporter',
  'responded',
  'resolved',
  'forwarded',
  'closed',
] as const satisfies readonly ComplaintStatus[];
type Reachable = (typeof STATUSES)[number];

const allowedIn = (s: ComplaintStatus) => ROUTE_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(s));
const refusedIn = (s: ComplaintStatus) => ROUTE_ACTIONS.filter((a) => !TRANSITIONS[a].from.includes(s));

/** The admin actions that bring a freshly routed complaint into the status (closed: also LAPOR!). */
const PATH: Record<Reachable, RouteAction[]> = {
  triage: [],
  assigned: [],
  acknowledged: ['acknowledge'],
  awaiting_reporter: ['ask-reporter'],
  responded: ['followup-public'],
  resolved: ['acknowledge', 'resolve'],
  forwarded: ['reject'],
  // LAPOR! closes an answered complaint after the reporter's silence (Selesai, from upstream).
  closed: ['followup-public'],
};

/** A complaint with no mission, ministry-only matter or place abroad: the router's rule 5 (triage). */
const triageComplaint = () => ({ title: 'Pertanyaan umum', content: 'Mohon informasi prosedur.' });

interface Detail {
  id: string;
  status: string;
  version: number;
  missionCode: string;
  escalationLevel: number;
  lapor: { statusName: string | null };
  timeline: { type: string }[];
}
interface Bed {
  id: string;
  laporId: string;
  missionCode: string;
}

describe('handling workflow: every (status, action) pair through HTTP does what the table says', () => {
  let bed: WorkflowBed;
  /** Per status: one complaint per allowed action (at least one); the first also takes the refusals. */
  const complaints = {} as Record<Reachable, Bed[]>;

  const read = async (id: string): Promise<Detail> =>
    (await (await bed.as('admin')).get(`/api/v1/complaints/${id}`).expect(200)).body as Detail;

  /** Who may take the action on this complaint: triage belongs to the ministry's desk (hq-djpk). */
  const actor = (c: Bed, action: RouteAction): [Role, string | undefined] => {
    if (c.missionCode === MINISTRY_OFFICE) return ['supervisor', MINISTRY_OFFICE];
    return [action === 'transfer' ? 'supervisor' : 'handler', c.missionCode];
  };

  const send = async (c: Bed, action: RouteAction, version: number, role?: [Role, string | undefined]) => {
    const [r, mission] = role ?? actor(c, action);
    const api = await bed.as(r, mission);
    const post = (route: string, body: object) =>
      api.post(`/api/v1/complaints/${c.id}/${route}`).set('If-Match', `"${version}"`).send(body);
    switch (action) {
      case 'acknowledge':
        return post('acknowledge', { note: 'saya tangani' });
      case 'followup-public':
        return post('followups', { visibility: 'public', content: 'Silakan datang ke kantor kami.' });
      case 'followup-internal':
        return post('followups', { visibility: 'internal', content: 'Catatan internal.' });
      case 'ask-reporter':
        return post('ask-reporter', { content: 'Mohon kirim salinan paspor.' });
      case 'resolve':
        return post('resolve', { resolution: 'Sudah selesai ditangani.' });
      case 'reopen':
        return post('reopen', { reason: 'Pelapor belum menerima dokumen.' });
      case 'transfer':
        return post('transfer', {
          missionCode: c.missionCode === 'tokyo' ? 'osaka' : 'tokyo',
          reason: 'Domisili pelapor',
        });
      case 'escalate':
        return post('escalate', { reason: 'Butuh keputusan' });
      case 'reject':
        return post('reject', { targetInstitutionId: '2045', reason: 'Kewenangan Ditjen Imigrasi' });
    }
  };

  beforeAll(async () => {
    bed = await startWorkflowBed('transitions');
    const plan = STATUSES.flatMap((s) => Array.from({ length: Math.max(1, allowedIn(s).length) }, () => s));
    const made = await bed.intake(
      plan.map((s, i) =>
        s === 'triage' ? triageComplaint() : osakaComplaint({ title: `Paspor hilang di Osaka (${s} ${i})` }),
      ),
    );
    for (const s of STATUSES) complaints[s] = [];
    made.forEach((c, i) => complaints[plan[i]].push(c));

    // Drive each complaint into its status with admin calls, all complaints at once.
    await Promise.all(
      made.map(async (c, i) => {
        let version = (await read(c.id)).version;
        for (const action of PATH[plan[i]]) {
          const res = await send(c, action, version, ['admin', undefined]);
          if (res.status !== 200)
            throw new Error(`setup: ${action} on a ${plan[i]} complaint: ${res.status} ${res.text}`);
          version = (res.body as Detail).version;
        }
      }),
    );
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('routes the place-less complaints to triage at the ministry desk and the others to Osaka', () => {
    for (const s of STATUSES)
      for (const c of complaints[s])
        expect([s, c.missionCode]).toEqual([s, s === 'triage' ? MINISTRY_OFFICE : 'osaka']);
  });

  /** Reaches `closed` the way it happens: LAPOR! marks the answered complaint Selesai, the bridge polls it. */
  const closeUpstream = async () => {
    for (const c of complaints.closed) await control(bed.laporUrl).patch(c.laporId, { status_code: 'done' });
    let seen = '';
    await waitFor(
      async () => {
        await bed.poll();
        const now = await Promise.all(complaints.closed.map((c) => read(c.id)));
        seen = JSON.stringify(now.map((d) => [d.lapor.statusName, d.status]));
        return now.every((d) => d.lapor.statusName === 'Selesai');
      },
      () => `LAPOR!'s Selesai to be read by the bridge; [laporStatus, status]: ${seen}`,
    );
  };

  it.each(STATUSES)('in %s, each action route answers as the table says', async (status) => {
    if (status === 'closed') await closeUpstream();
    const [first, ...others] = complaints[status];
    // Precondition: every complaint of the status is in it (LAPOR!'s status shown for context).
    for (const c of complaints[status]) {
      const d = await read(c.id);
      expect({ status: d.status, laporStatus: d.lapor.statusName }).toEqual({
        status,
        laporStatus: d.lapor.statusName,
      });
    }

    const got: Record<string, string> = {};
    const want: Record<string, string> = {};

    // Refused: 409 COMPLAINT_INVALID_TRANSITION as problem+json, and nothing changed.
    for (const action of refusedIn(status)) {
      const before = await read(first.id);
      const res = await send(first, action, before.version);
      const after = await read(first.id);
      const unchanged =
        after.version === before.version &&
        after.status === before.status &&
        after.timeline.length === before.timeline.length;
      want[action] = '409 COMPLAINT_INVALID_TRANSITION application/problem+json, unchanged';
      got[action] =
        `${res.status} ${(res.body as { code?: string }).code} ${res.type}, ` +
        (unchanged
          ? 'unchanged'
          : `changed: v${before.version} ${before.status} (${before.timeline.length} events) → ` +
            `v${after.version} ${after.status} (${after.timeline.length} events)`);
      if (res.status === 409 && res.body.code === 'COMPLAINT_INVALID_TRANSITION')
        expect(res.body).toMatchObject({ status: 409, action, currentStatus: status });
    }

    // Allowed: applied, on a complaint of its own (the first one once its refusals are done).
    const allowed = allowedIn(status);
    expect(others).toHaveLength(Math.max(0, allowed.length - 1));
    for (const [i, action] of allowed.entries()) {
      const c = i === 0 ? first : others[i - 1];
      const before = await read(c.id);
      const res = await send(c, action, before.version);
      const after = await read(c.id);
      const to = transition(action, status).to;
      // Escalating past the ministry is a refusal of its own (not of the table): handled explicitly.
      const atMax =
        action === 'escalate' &&
        before.escalationLevel >= (actor(c, action)[0] === 'handler' ? 1 : MINISTRY_ESCALATION_LEVEL);
      want[action] = atMax
        ? `409 COMPLAINT_ALREADY_ESCALATED, v${before.version} ${status}`
        : `200 ${to}, v${before.version + 1} ${to}, +1 event`;
      got[action] =
        res.status === 200
          ? `${res.status} ${(res.body as Detail).status}, v${after.version} ${after.status}, ` +
            `+${after.timeline.length - before.timeline.length} event`
          : `${res.status} ${(res.body as { code?: string }).code}, v${after.version} ${after.status}`;
    }

    // One comparison per status, so a failure lists every pair that went wrong.
    expect(got).toEqual(want);
  });
});
