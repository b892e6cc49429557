import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '../../core/config/config.service';
import { KpiReadModel } from './kpi-read-model';

/**
 * Loads the KPI read model in the background when an API process starts, so the first monitor to
 * open the dashboard does not wait for a million rows (about 15 s on the bench machine).
 */
@Injectable()
export class ReportsWarmup implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsWarmup.name);

  constructor(
    private readonly model: KpiReadModel,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    // Tests open and close apps quickly; their reports load on first use.
    if (this.config.get('NODE_ENV') === 'test') return;
    const started = Date.now();
    this.model.refresh().then(
      () => this.logger.log(`KPI read model loaded: ${this.model.count} slots in ${Date.now() - started} ms`),
      (e: unknown) =>
        this.logger.warn(`KPI read model not loaded yet (${(e as Error).message}); the first report will`),
    );
  }
}
