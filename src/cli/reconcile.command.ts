import { Command, CommandRunner } from 'nest-commander';
import { ReconcileService } from '../modules/reconcile/reconcile.service';
import { CliError, print } from './print';

/**
 * `npm run cli -- reconcile`: one reconciler run now, the same bounded run the scheduler queues.
 * Repairs go to the outbox (the CLI has no Redis): a running bridge relays them.
 */
@Command({
  name: 'reconcile',
  description:
    'Compare complaints with LAPOR! now (one bounded run), record drift and queue repairs through the ' +
    'outbox (a running bridge relays them); prints the run and the open drift as JSON',
})
export class ReconcileCommand extends CommandRunner {
  constructor(private readonly reconcile: ReconcileService) {
    super();
  }

  async run(): Promise<void> {
    const run = await this.reconcile.run(new Date());
    if (run.outcome !== 'ran')
      throw new CliError('another reconciler run is in progress; try again once it has finished');
    const { drift } = await this.reconcile.summary();
    print(JSON.stringify({ run, drift }));
    if (!run.ok) process.exitCode = 1;
  }
}
