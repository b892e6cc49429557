import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError, ValidationFailedError } from '../core/http/domain.errors';
import { UserService } from '../modules/auth/user.service';
import { cliActor } from './cli-actor';
import { CliError, print } from './print';

interface Options {
  email?: string;
  role?: string;
  mission?: string;
  name?: string;
  password?: string;
  locale?: string;
}

@Command({
  name: 'user:create',
  description:
    'Create a console user; prints a one-time password (changed at first sign-in) unless --password is given',
})
export class UserCreateCommand extends CommandRunner {
  constructor(private readonly users: UserService) {
    super();
  }

  async run(_args: string[], opts: Options): Promise<void> {
    if (!opts.email) throw new CliError('--email is required');
    if (!opts.role) throw new CliError('--role is required: handler, supervisor, monitor or admin');
    try {
      const { user, password, oneTime } = await this.users.create(
        {
          email: opts.email,
          role: opts.role,
          missionCode: opts.mission,
          displayName: opts.name,
          password: opts.password,
          locale: opts.locale,
        },
        cliActor(),
      );
      if (oneTime) print(password);
      process.stderr.write(
        `user ${user.email} (${user.role}${user.missionCode ? ` of ${user.missionCode}` : ''}) created` +
          (oneTime
            ? '; the one-time password above is shown only now and must be changed at first sign-in.\n'
            : '.\n'),
      );
    } catch (e) {
      if (e instanceof ValidationFailedError) {
        const errors = e.extras.errors ?? [];
        throw new CliError(errors.map((f) => `--${f.field}: ${f.message}`).join('; ') || e.message);
      }
      if (e instanceof DomainError) throw new CliError(e.message);
      throw e;
    }
  }

  @Option({ flags: '-e, --email <email>', description: 'the sign-in e-mail', required: true })
  parseEmail(v: string): string {
    return v;
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

  @Option({ flags: '-n, --name <name>', description: 'display name (default: the e-mail before @)' })
  parseName(v: string): string {
    return v;
  }

  @Option({ flags: '-p, --password <password>', description: `a password of at least 10 characters` })
  parsePassword(v: string): string {
    return v;
  }

  @Option({ flags: '-l, --locale <locale>', description: 'id (default) or en' })
  parseLocale(v: string): string {
    return v;
  }
}
