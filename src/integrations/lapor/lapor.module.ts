import { Module } from '@nestjs/common';
import { LaporClient } from './lapor.client';

/**
 * The LAPOR! integration: the client is the only code that speaks HTTP to LAPOR!. ConfigService comes
 * from the global ConfigModule; provide LAPOR_CLIENT_OPTIONS to change timeouts, retries or the breaker.
 */
@Module({
  providers: [LaporClient],
  exports: [LaporClient],
})
export class LaporModule {}
