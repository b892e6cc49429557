import { Command, CommandRunner } from 'nest-commander';
import { DomainError } from '../core/http/domain.errors';
import { TokenService } from '../modules/auth/token.service';
import { cliActor } from './cli-actor';
import { CliError, print } from './print';

@Command({
  name: 'token:revoke',
  arguments: '<id-or-prefix>',
  description:
    'Revoke an API token by its id or its prefix (the first 10 characters); its next request gets 401',
})
export class TokenRevokeCommand extends CommandRunner {
  constructor(private readonly tokens: TokenService) {
    super();
  }

  async run([idOrPrefix]: string[]): Promise<void> {
    try {
      const found = await this.tokens.find(idOrPrefix.trim());
      const wasRevoked = found.revokedAt;
      const rec = await this.tokens.revoke(found.id, cliActor());
      const who = `${rec.role}${rec.missionCode ? ` of ${rec.missionCode}` : ''}, "${rec.name}"`;
      print(
        wasRevoked
          ? `token ${rec.id} (${who}) was already revoked at ${wasRevoked.toISOString()}`
          : `token ${rec.id} (${who}) revoked`,
      );
    } catch (e) {
      if (e instanceof DomainError) throw new CliError(e.message);
      throw e;
    }
  }
}
