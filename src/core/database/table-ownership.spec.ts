import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../config/project-root';

/**
 * STYLE.md habit 1: a module owns its tables; others call its service. ESLint refuses imports of
 * another module's entities (eslint.config.mjs); this finds the other way in — SQL text naming
 * another module's table — in every source file.
 */
const OWNERS: Record<string, string> = {
  complaints: 'src/modules/complaints/',
  complaint_events: 'src/modules/complaints/',
  follow_ups: 'src/modules/complaints/',
  missions: 'src/modules/missions/',
  sync_items: 'src/modules/sync/',
  dead_letters: 'src/modules/sync/',
  sync_drift: 'src/modules/reconcile/',
  reconcile_runs: 'src/modules/reconcile/',
  notifications: 'src/modules/notifications/',
  notification_reads: 'src/modules/notifications/',
  audit_log: 'src/modules/audit/',
  api_tokens: 'src/modules/auth/',
  users: 'src/modules/auth/',
  user_sessions: 'src/modules/auth/',
  response_templates: 'src/modules/templates/',
  inbound_deliveries: 'src/modules/intake/',
  poll_cursors: 'src/modules/intake/',
  holidays: 'src/modules/sla/',
  sla_clocks: 'src/modules/sla/',
  sla_facts: 'src/modules/sla/',
  outbox: 'src/core/queue/',
  worker_heartbeats: 'src/core/queue/',
};

/** Deliberate exceptions, each with its reason. */
const ALLOWED: { file: string; table: string; why: string }[] = [
  {
    file: 'src/modules/complaints/complaint-routing.service.ts',
    table: 'outbox',
    why: "the routing write is one statement (update, event, outbox row) for throughput; the row's values come from OutboxService.row()",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(e.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name) ? [path] : [];
  });
}

describe('table ownership', () => {
  const root = projectRoot();
  const files = sourceFiles(join(root, 'src')).map((f) => ({
    file: relative(root, f),
    text: readFileSync(f, 'utf8'),
  }));

  it('knows the owner of every table the entities declare', () => {
    const declared = files
      .filter((f) => f.file.endsWith('.entity.ts'))
      .flatMap((f) => [...f.text.matchAll(/@Entity\(\{\s*name:\s*'([a-z_]+)'/g)].map((m) => m[1]));
    expect(declared.sort()).toEqual(Object.keys(OWNERS).sort());
  });

  it('keeps SQL on each table inside the module that owns it', () => {
    const crossings: string[] = [];
    for (const { file, text } of files) {
      for (const [table, owner] of Object.entries(OWNERS)) {
        if (file.startsWith(owner)) continue;
        if (!new RegExp(`\\b(FROM|JOIN|UPDATE|INTO|TABLE)\\s+${table}\\b`).test(text)) continue;
        if (ALLOWED.some((a) => a.file === file && a.table === table)) continue;
        crossings.push(`${file} uses ${table} (owned by ${owner})`);
      }
    }
    expect(crossings).toEqual([]);
  });
});
