import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { backfillRangeErrors, rangeDays } from '../modules/intake/backfill-range';
import { BackfillService, type BackfillProgress } from '../modules/intake/backfill.service';
import { wibDate } from '../modules/intake/poll-window';
import { CliError, print } from './print';

interface Options {
  from?: string;
  to?: string;
}

const SCALE = 1000;

@Command({
  name: 'backfill',
  description:
    'Import LAPOR! history of a date range (WIB days, inclusive) with its follow-ups, as imported ' +
    '(no alerts or notifications). Safe to run again: a second run changes only what LAPOR! changed since.',
})
export class BackfillCommand extends CommandRunner {
  constructor(private readonly backfill: BackfillService) {
    super();
  }

  async run(_args: string[], opts: Options): Promise<void> {
    const range = { from: opts.from ?? '', to: opts.to ?? '' };
    const errors = backfillRangeErrors(range);
    if (errors.length) throw new CliError(errors.map((e) => `--${e.field} ${e.message}`).join('; '));

    // People watch the bar; stdout keeps only the summary, for scripts.
    const bar = new SingleBar(
      {
        stream: process.stderr,
        format: 'backfill {from}..{to} |{bar}| {percentage}% | {reached} | {seen} read, {created} new',
        noTTYOutput: true,
        notTTYSchedule: 10_000,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    const labels = (p?: BackfillProgress) => ({
      from: range.from,
      to: range.to,
      reached: p?.reachedAt ? wibDate(p.reachedAt) : '…',
      seen: p?.seen ?? 0,
      created: p?.created ?? 0,
    });
    bar.start(SCALE, 0, labels());
    let counts;
    try {
      counts = await this.backfill.run({
        ...range,
        onProgress: (p) => bar.update(Math.round(p.fraction * SCALE), labels(p)),
      });
    } finally {
      bar.stop();
    }
    print(
      `backfill ${range.from}..${range.to} (${rangeDays(range)} days): ${counts.seen} read, ` +
        `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ` +
        `${counts.rejected} rejected`,
    );
  }

  @Option({ flags: '--from <date>', description: 'first day, yyyy-mm-dd (WIB)', required: true })
  parseFrom(v: string): string {
    return v;
  }

  @Option({
    flags: '--to <date>',
    description: 'last day, yyyy-mm-dd (WIB), at most 366 days later',
    required: true,
  })
  parseTo(v: string): string {
    return v;
  }
}
