import { stringify } from 'csv-stringify/sync';
import { Command, CommandRunner, Option } from 'nest-commander';
import { PEKPPP_COLUMNS } from '../modules/reports/reports.controller';
import { ReportsService, type PekpppRow } from '../modules/reports/reports.service';
import { SlaSweepService } from '../modules/sla/sla-sweep.service';
import { CliError, print } from './print';

interface Options {
  year?: number;
  mission?: string;
  format?: 'table' | 'csv' | 'json';
  sweep?: boolean;
}

/**
 * `npm run cli -- report --year 2026`: the PEKPPP annual recap per office (the same figures as
 * GET /api/v1/reports/pekppp). It first brings the SLA figures up to date with one sweep (under the
 * same lease as the workers'; its notifications go to the outbox for a running bridge to relay).
 */
@Command({
  name: 'report',
  description:
    'The annual recap per mission for the PEKPPP self-evaluation: received, followed up, resolved, % within ' +
    'the limit, average follow-up days (calendar and working). Table, CSV or JSON on stdout.',
})
export class ReportCommand extends CommandRunner {
  constructor(
    private readonly reports: ReportsService,
    private readonly sweeps: SlaSweepService,
  ) {
    super();
  }

  async run(_args: string[], opts: Options): Promise<void> {
    if (!opts.year) throw new CliError('--year is required (e.g. --year 2026)');
    if (opts.sweep !== false) await this.sweeps.sweep(undefined, 120_000);
    const r = await this.reports.pekppp(opts.year, opts.mission);
    const rows = [...r.data, r.total];
    if (opts.format === 'json') return print(JSON.stringify(r));
    if (opts.format === 'csv') {
      process.stdout.write(
        stringify(
          rows.map((x) => PEKPPP_COLUMNS.map((c) => (x as unknown as Record<string, unknown>)[c] ?? '')),
          { header: true, columns: PEKPPP_COLUMNS },
        ),
      );
      return;
    }
    print(`PEKPPP ${r.year} — pengaduan LAPOR! per perwakilan (as of ${r.asOf})`);
    print(table(rows));
  }

  @Option({ flags: '--year <year>', description: 'year of LAPOR! disposition (WIB)', required: true })
  parseYear(v: string): number {
    const y = Number(v);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new CliError(`--year must be a year, not "${v}"`);
    return y;
  }

  @Option({ flags: '--mission <code>', description: 'one mission or desk only' })
  parseMission(v: string): string {
    return v;
  }

  @Option({ flags: '--format <format>', description: 'table (default), csv or json' })
  parseFormat(v: string): Options['format'] {
    if (!['table', 'csv', 'json'].includes(v))
      throw new CliError(`--format must be table, csv or json, not "${v}"`);
    return v as Options['format'];
  }

  @Option({ flags: '--no-sweep', description: 'report the figures as stored, without a sweep first' })
  parseNoSweep(): boolean {
    return false;
  }
}

function table(rows: PekpppRow[]): string {
  const head = ['mission', 'received', 'followed up', 'resolved', '% within', 'avg days', 'avg working'];
  const body = rows.map((r) => [
    r.missionCode ?? 'TOTAL',
    String(r.received),
    String(r.followedUp),
    String(r.resolved),
    r.withinLimitPct === null ? '–' : r.withinLimitPct.toFixed(1),
    r.avgFollowUpDays === null ? '–' : r.avgFollowUpDays.toFixed(2),
    r.avgFollowUpWorkingDays === null ? '–' : r.avgFollowUpWorkingDays.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
