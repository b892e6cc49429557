import { stringify } from 'csv-stringify/sync';
import type { Principal } from '../auth/principal';
import type { InboxQueryDto } from './inbox-query.dto';
import type { WorkflowService } from './workflow.service';

/** Rows of one export at most: beyond that, narrow the filters (or use the reports). */
export const CSV_EXPORT_MAX = 10_000;
const PAGE = 500;

const COLUMNS = [
  'id',
  'laporId',
  'trackingId',
  'title',
  'status',
  'laporStatus',
  'priority',
  'missionCode',
  'category',
  'classification',
  'escalationLevel',
  'receivedAt',
  'assignedAt',
  'acknowledgedAt',
  'firstFollowUpAt',
  'resolvedAt',
  'dueAt',
  'breachedAt',
] as const;

/** The inbox as CSV, same filters and scope; never the reporter's identity. */
export async function complaintsCsv(
  workflow: WorkflowService,
  who: Principal,
  q: InboxQueryDto,
): Promise<string> {
  const lines: unknown[][] = [];
  let cursor = q.cursor;
  do {
    const page = await workflow.inbox(
      who,
      { ...q, cursor },
      { limit: Math.min(PAGE, CSV_EXPORT_MAX - lines.length) },
    );
    for (const c of page.data) {
      const row = { ...c, dueAt: c.sla.dueAt, breachedAt: c.sla.breachedAt } as Record<string, unknown>;
      lines.push(COLUMNS.map((k) => iso(row[k])));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && lines.length < CSV_EXPORT_MAX);
  return stringify(lines, { header: true, columns: [...COLUMNS] });
}

function iso(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  // A title starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}
