import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Command, CommandRunner, Option } from 'nest-commander';
import { MissionsService } from '../modules/missions/missions.service';
import { Gazetteer } from '../modules/routing/gazetteer/gazetteer';
import { previewRoute } from '../modules/routing/router';
import { CliError, print } from './print';

interface Options {
  file?: string;
}

/** One case of a JSON-lines file: the routing-cases.dev.jsonl fields, or the preview request's. */
interface CaseLine {
  id?: unknown;
  title?: unknown;
  content?: unknown;
  location_text?: unknown;
  locationText?: unknown;
  disposition_id?: unknown;
  dispositionId?: unknown;
  expected_mission?: unknown;
}

const optionalString = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * `npm run cli -- route --file cases.jsonl`: the router's decision for each line, as one JSON line
 * on stdout, nothing stored. Lines carrying `expected_mission` get `expected` and `correct`, and a
 * summary goes to stderr. A line that is not a case gets `{ line, error }` and the exit code 1.
 */
@Command({
  name: 'route',
  description:
    'Print the routing decision for each case of a JSON-lines file (stdin without --file); nothing is stored',
})
export class RouteCommand extends CommandRunner {
  constructor(private readonly missions: MissionsService) {
    super();
  }

  async run(_args: string[], opts: Options): Promise<void> {
    if (opts.file) {
      try {
        await access(opts.file, constants.R_OK);
      } catch (e) {
        throw new CliError(
          `cannot read ${opts.file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
        );
      }
    }
    const input = opts.file ? createReadStream(opts.file, 'utf8') : process.stdin;
    const dir = { missionByInstitutionId: await this.institutionIds(), gazetteer: Gazetteer.default() };
    let n = 0;
    let invalid = 0;
    let labelled = 0;
    let correct = 0;
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      n++;
      if (!raw.trim()) continue;
      let c: CaseLine;
      try {
        c = JSON.parse(raw) as CaseLine;
      } catch {
        invalid++;
        print(JSON.stringify({ line: n, error: 'not JSON' }));
        continue;
      }
      if (typeof c !== 'object' || c === null || typeof c.content !== 'string') {
        invalid++;
        print(
          JSON.stringify({
            line: n,
            error: 'a case needs "content" (string) and may have "title", "location_text"',
          }),
        );
        continue;
      }
      const decision = previewRoute(
        {
          title: optionalString(c.title) ?? '',
          content: c.content,
          locationName: optionalString(c.location_text) ?? optionalString(c.locationText),
          dispositionId: optionalString(c.disposition_id) ?? optionalString(c.dispositionId),
        },
        dir,
      );
      const expected = optionalString(c.expected_mission);
      const line: Record<string, unknown> = {
        ...(c.id !== undefined ? { id: c.id } : { line: n }),
        ...decision,
      };
      if (expected) {
        labelled++;
        line.expected = expected;
        line.correct = decision.missionCode === expected;
        if (line.correct) correct++;
      }
      print(JSON.stringify(line));
    }
    if (labelled)
      process.stderr.write(
        `routing accuracy ${((correct / labelled) * 100).toFixed(1)}% (${correct}/${labelled} labelled cases)\n`,
      );
    if (invalid) {
      process.stderr.write(`${invalid} line(s) were not cases\n`);
      process.exitCode = 1;
    }
  }

  /** Rule 1 needs the admins' institution ids; a database not migrated yet has none. */
  private async institutionIds(): Promise<Map<string, string>> {
    try {
      return await this.missions.missionByInstitutionId();
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code !== '42P01') throw e;
      process.stderr.write(
        'note: the database is not migrated yet, so no LAPOR! institution ids (rule 1) apply\n',
      );
      return new Map();
    }
  }

  @Option({ flags: '-f, --file <path>', description: 'JSON lines: { id?, title, content, location_text? }' })
  parseFile(v: string): string {
    return v;
  }
}
