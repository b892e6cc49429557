import { startWorkflowBed, type WorkflowBed } from './workflow.helper';

/**
 * Keyset cursors and ids of the admin lists come back from URLs: values Postgres cannot cast (a year
 * 0, 30 February, an offset of 99 hours, 36 zeros for a uuid) get a 4xx with a code, never a 500.
 */
const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const ID = '3f0c2b8e-0000-4000-8000-000000000001';
const BAD_CURSORS = [
  cursor(['0', ID]),
  cursor(['March 7', ID]),
  cursor(['2026-02-30 10:00:00+00', ID]),
  cursor(['0000-01-01 00:00:00+00', ID]),
  cursor(['2026-03-01 10:00:00+99', ID]),
  cursor(['2026-03-01 10:00:00+00', '0'.repeat(36)]),
  cursor(['2026-03-01 10:00:00+00', '-'.repeat(36)]),
];

describe('admin lists: tampered cursors and ids', () => {
  let bed: WorkflowBed;
  beforeAll(async () => {
    bed = await startWorkflowBed('admin-list-inputs');
  });
  afterAll(() => bed?.close());

  it.each(['/api/v1/admin/dead-letters', '/api/v1/admin/quarantine'])(
    '%s answers 400 to each',
    async (path) => {
      const admin = await bed.as('admin');
      for (const c of BAD_CURSORS) {
        const res = await admin.get(`${path}?cursor=${c}`);
        expect({ c, status: res.status, code: res.body.code }).toEqual({
          c,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      // A real cursor's shape is still taken.
      await admin.get(`${path}?cursor=${cursor(['2026-03-01 10:00:00.123456+00', ID])}`).expect(200);
    },
  );

  it('answers a retry of a dead letter whose id is no uuid with 404', async () => {
    const admin = await bed.as('admin');
    for (const id of ['0'.repeat(36), '-'.repeat(36), 'x']) {
      const res = await admin.post(`/api/v1/admin/dead-letters/${id}/retry`);
      expect({ id, status: res.status, code: res.body.code }).toEqual({
        id,
        status: 404,
        code: 'DEAD_LETTER_NOT_FOUND',
      });
    }
  });
});
