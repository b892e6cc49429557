import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '../core/http/domain.errors';
import { TokenService } from '../modules/auth/token.service';
import { cliActor } from './cli-actor';
import { CliError, print } from './print';

interface Options {
  role: string;
  mission?: string;
  name?: string;
}

@Command({
  name: 'token:create',
  description: 'Create an API token and print it once (only its hash is stored)',
})
export class TokenCreateCommand extends CommandRunner {
  constructor(private readonly tokens: TokenService) {
    super();
  }

  async run(_args: string[], opts: Options): Promise<void> {
    if (!opts.role) throw new CliError('--role is required: handler, supervisor, monitor or admin');
    try {
      const { token, record } = await this.tokens.create(
        { role: opts.role, missionCode: opts.mission, name: opts.name },
        cliActor(),
      );
      print(token);
      process.stderr.write(
        `token ${record.id} (${record.role}${record.missionCode ? ` of ${record.missionCode}` : ''}) created; ` +
          `it is shown only now, store it safely.\n`,
      );
    } catch (e) {
      if (e instanceof DomainError) throw new CliError(e.message);
      throw e;
    }
  }

  @Option({
    flags: '-r, --role <role>',
    description: 'handler | supervisor | monitor | admin',
    required: true,
  })
  parseRole(v: string): string {
    return v;
  }

  @Option({ flags: '-m, --mission <code>', description: 'mission code, required for handler and supervisor' })
  parseMission(v: string): string {
    return v;
  }

  @Option({ flags: '-n, --name <name>', description: 'a label to tell tokens apart' })
  parseName(v: string): string {
    return v;
  }
}
