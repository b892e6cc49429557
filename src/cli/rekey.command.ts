import { Command, CommandRunner } from 'nest-commander';
import { ReporterRekeyService } from '../modules/complaints/reporter-rekey.service';
import { print } from './print';

/** `npm run cli -- rekey`: after adding a new first key to ENCRYPTION_KEY, rewrite reporters under it. */
@Command({
  name: 'rekey',
  description:
    'Re-encrypt reporter data written under an older ENCRYPTION_KEY key with the first (active) key; ' +
    'prints {found, rewritten, skipped, activeKey} as JSON. Safe to repeat and to run beside the bridge.',
})
export class RekeyCommand extends CommandRunner {
  constructor(private readonly rekey: ReporterRekeyService) {
    super();
  }

  async run(): Promise<void> {
    print(JSON.stringify(await this.rekey.rekey()));
  }
}
