import { say } from './stats';

/**
 * The readable table printed before the JSON line: each figure of the summary, SPEC.md's target for
 * it ("Performance targets") and whether this run met it. Built from the summary object itself, so
 * the table and the JSON line can never disagree. Figures without a target in SPEC.md say so.
 */

type Figure = number | null;

/** The summary line's shape, as far as the table reads it (SPEC.md "Resource shapes", plus additions). */
export interface Summary {
  intake: { perSecond: Figure; baselinePerSecond: Figure; ratio: Figure; p50Ms: Figure; p99Ms: Figure };
  freshness: { p50Ms: Figure; p99Ms: Figure };
  routing: { decisionsPerSecond: Figure; routedPerSecond: Figure };
  sync: { perSecond: Figure; p50Ms: Figure; p99Ms: Figure; rateLimitPerS: number };
  reports: { kpiMs1M: Figure; kpiColdMs: Figure; dashboardFirstRenderMs: Figure };
  memory: { peakRssMb: Figure; byProcess: Record<string, Figure> };
}

interface Row {
  figure: string;
  value: Figure;
  unit: string;
  /** Undefined: SPEC.md sets no target for this figure. */
  target?: { text: string; met: (v: number) => boolean };
}

const atLeast = (n: number, unit: string) => ({
  text: `≥ ${n.toLocaleString('en-US')}${unit}`,
  met: (v: number) => v >= n,
});
const below = (n: number, unit: string) => ({
  text: `< ${n.toLocaleString('en-US')}${unit}`,
  met: (v: number) => v < n,
});

function rows(s: Summary): Row[] {
  return [
    { figure: 'intake.perSecond', value: s.intake.perSecond, unit: '/s' },
    { figure: 'intake.baselinePerSecond', value: s.intake.baselinePerSecond, unit: '/s' },
    { figure: 'intake.ratio', value: s.intake.ratio, unit: '', target: atLeast(0.5, '') },
    { figure: 'intake.p50Ms', value: s.intake.p50Ms, unit: ' ms' },
    { figure: 'intake.p99Ms (at half rate)', value: s.intake.p99Ms, unit: ' ms', target: below(100, ' ms') },
    { figure: 'freshness.p50Ms', value: s.freshness.p50Ms, unit: ' ms', target: below(100, ' ms') },
    { figure: 'freshness.p99Ms', value: s.freshness.p99Ms, unit: ' ms', target: below(1000, ' ms') },
    {
      figure: 'routing.decisionsPerSecond',
      value: s.routing.decisionsPerSecond,
      unit: '/s',
      target: atLeast(20_000, '/s'),
    },
    {
      figure: 'routing.routedPerSecond',
      value: s.routing.routedPerSecond,
      unit: '/s',
      target: atLeast(2000, '/s'),
    },
    { figure: `sync.perSecond (limit ${s.sync.rateLimitPerS}/s)`, value: s.sync.perSecond, unit: '/s' },
    { figure: 'sync.p50Ms', value: s.sync.p50Ms, unit: ' ms' },
    { figure: 'sync.p99Ms', value: s.sync.p99Ms, unit: ' ms' },
    { figure: 'reports.kpiMs1M', value: s.reports.kpiMs1M, unit: ' ms', target: below(300, ' ms') },
    { figure: 'reports.kpiColdMs', value: s.reports.kpiColdMs, unit: ' ms' },
    {
      figure: 'reports.dashboardFirstRenderMs',
      value: s.reports.dashboardFirstRenderMs,
      unit: ' ms',
      target: below(1000, ' ms'),
    },
    ...Object.entries(s.memory.byProcess).map(([name, value]) => ({
      figure: `memory.byProcess.${name}`,
      value,
      unit: ' MB',
      target: below(250, ' MB'),
    })),
    { figure: 'memory.peakRssMb', value: s.memory.peakRssMb, unit: ' MB', target: below(250, ' MB') },
  ];
}

const show = (v: Figure, unit: string) =>
  v === null ? 'not measured' : `${v.toLocaleString('en-US')}${unit}`;

function verdict(r: Row): string {
  if (!r.target) return '(no target)';
  if (r.value === null) return 'not measured';
  return r.target.met(r.value) ? 'met' : 'MISSED';
}

/** Prints the table; returns how many targets were missed. */
export function printTargets(s: Summary, notes: string[]): number {
  const table = rows(s).map((r) => [r.figure, show(r.value, r.unit), r.target?.text ?? '—', verdict(r)]);
  const header = ['figure', 'this run', 'target (SPEC.md)', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  say();
  say(line(header));
  say(line(widths.map((w) => '-'.repeat(w))));
  for (const t of table) say(line(t));
  for (const n of notes) say(`  ${n}`);
  const missed = table.filter((t) => t[3] === 'MISSED').length;
  say(`${missed ? `${missed} target(s) missed` : 'every measured target met'} on this run`);
  return missed;
}
