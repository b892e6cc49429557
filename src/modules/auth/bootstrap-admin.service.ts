import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '../../core/config/config.service';
import { TokenService } from './token.service';

/** BOOTSTRAP_ADMIN_TOKEN: ensures an admin token at boot so operations can start without a shell. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    private readonly config: ConfigService,
    private readonly tokens: TokenService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const token = this.config.get('BOOTSTRAP_ADMIN_TOKEN');
    if (!token) return;
    await this.tokens.ensureBootstrapAdmin(token);
    this.logger.log('bootstrap admin token ensured (BOOTSTRAP_ADMIN_TOKEN)');
  }
}
