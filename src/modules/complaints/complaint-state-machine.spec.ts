import {
  ACTIONS,
  InvalidTransitionError,
  actionsAllowedIn,
  transition,
  type WorkflowAction,
} from './complaint-state-machine';
import { COMPLAINT_STATUSES, type ComplaintStatus } from './complaint.types';

/**
 * The handling workflow written out as a grid (SPEC.md "Handling workflow"): for each status, what
 * each action leads to; "-" = refused (409), "=" = status kept. Written independently of the table in
 * the code, so a change to either is a deliberate change to the contract.
 */
const GRID: Record<ComplaintStatus, Record<WorkflowAction, string>> = {
  // prettier-ignore
  received: { acknowledge: '-', 'followup-public': '-', 'followup-internal': '-', 'ask-reporter': '-', 'reporter-reply': '-', resolve: '-', reopen: '-', transfer: '-', escalate: '-', reject: '-', 'upstream-close': '-' },
  // prettier-ignore
  triage: { acknowledge: '-', 'followup-public': '-', 'followup-internal': '=', 'ask-reporter': '-', 'reporter-reply': '-', resolve: '-', reopen: '-', transfer: 'assigned', escalate: '=', reject: 'forwarded', 'upstream-close': 'closed' },
  // prettier-ignore
  assigned: { acknowledge: 'acknowledged', 'followup-public': 'responded', 'followup-internal': '=', 'ask-reporter': 'awaiting_reporter', 'reporter-reply': '-', resolve: '-', reopen: '-', transfer: 'assigned', escalate: '=', reject: 'forwarded', 'upstream-close': 'closed' },
  // prettier-ignore
  acknowledged: { acknowledge: '-', 'followup-public': 'responded', 'followup-internal': '=', 'ask-reporter': 'awaiting_reporter', 'reporter-reply': '-', resolve: 'resolved', reopen: '-', transfer: 'assigned', escalate: '=', reject: 'forwarded', 'upstream-close': 'closed' },
  // prettier-ignore
  awaiting_reporter: { acknowledge: '-', 'followup-public': 'responded', 'followup-internal': '=', 'ask-reporter': '-', 'reporter-reply': 'acknowledged', resolve: 'resolved', reopen: '-', transfer: 'assigned', escalate: '=', reject: '-', 'upstream-close': 'closed' },
  // prettier-ignore
  responded: { acknowledge: '-', 'followup-public': 'responded', 'followup-internal': '=', 'ask-reporter': 'awaiting_reporter', 'reporter-reply': 'acknowledged', resolve: 'resolved', reopen: '-', transfer: 'assigned', escalate: '=', reject: '-', 'upstream-close': 'closed' },
  // prettier-ignore
  resolved: { acknowledge: '-', 'followup-public': '-', 'followup-internal': '=', 'ask-reporter': '-', 'reporter-reply': 'acknowledged', resolve: '-', reopen: 'acknowledged', transfer: '-', escalate: '-', reject: '-', 'upstream-close': 'closed' },
  // prettier-ignore
  closed: { acknowledge: '-', 'followup-public': '-', 'followup-internal': '=', 'ask-reporter': '-', 'reporter-reply': '-', resolve: '-', reopen: '-', transfer: '-', escalate: '-', reject: '-', 'upstream-close': '-' },
  // prettier-ignore
  forwarded: { acknowledge: '-', 'followup-public': '-', 'followup-internal': '=', 'ask-reporter': '-', 'reporter-reply': '-', resolve: '-', reopen: '-', transfer: '-', escalate: '-', reject: '-', 'upstream-close': '-' },
};

describe('complaint state machine', () => {
  const pairs = COMPLAINT_STATUSES.flatMap((s) => ACTIONS.map((a) => [s, a] as const));

  it.each(pairs)('in %s, %s does what the workflow grid says', (status, action) => {
    const expected = GRID[status][action];
    if (expected === '-') {
      expect(() => transition(action, status)).toThrow(InvalidTransitionError);
      return;
    }
    expect(transition(action, status).to).toBe(expected === '=' ? status : expected);
  });

  it('refuses with 409 COMPLAINT_INVALID_TRANSITION, naming the action, the status and what would allow it', () => {
    let err: unknown;
    try {
      transition('resolve', 'assigned');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidTransitionError);
    const e = err as InvalidTransitionError;
    expect({ code: e.code, status: e.status }).toEqual({ code: 'COMPLAINT_INVALID_TRANSITION', status: 409 });
    expect(e.message).toContain('"resolve"');
    expect(e.message).toContain('"assigned"');
    expect(e.extras).toMatchObject({
      action: 'resolve',
      currentStatus: 'assigned',
      allowedFrom: ['acknowledged', 'awaiting_reporter', 'responded'],
    });
  });

  it('starts a new SLA cycle only when the reporter answers after an answer, or a resolved complaint is reopened', () => {
    const cycles = pairs
      .filter(([s, a]) => GRID[s][a] !== '-' && transition(a, s).newCycle)
      .map(([s, a]) => `${a} in ${s}`);
    expect(cycles.sort()).toEqual([
      'reopen in resolved',
      'reporter-reply in resolved',
      'reporter-reply in responded',
    ]);
  });

  it('offers in each status exactly the actions the grid allows', () => {
    for (const s of COMPLAINT_STATUSES)
      expect(actionsAllowedIn(s)).toEqual(ACTIONS.filter((a) => GRID[s][a] !== '-'));
  });
});
