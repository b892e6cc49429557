import { Test } from '@nestjs/testing';
import { ConfigService } from '../../core/config/config.service';
import { loadEnv } from '../../core/config/load-env';
import { LAPOR_CLIENT_OPTIONS } from './lapor-client.options';
import { LaporClient } from './lapor.client';
import { LaporModule } from './lapor.module';

const config = new ConfigService(loadEnv({ LAPOR_BASE_URL: 'http://127.0.0.1:9' }));

describe('LaporModule', () => {
  it('provides the client with the default options when none are given', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [LaporModule] })
      .useMocker((token) => (token === ConfigService ? config : undefined))
      .compile();
    const client = moduleRef.get(LaporClient);
    expect(client).toBeInstanceOf(LaporClient);
    expect(client.breakerState).toBe('closed');
  });

  it('takes options from LAPOR_CLIENT_OPTIONS', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [
        LaporClient,
        { provide: ConfigService, useValue: config },
        { provide: LAPOR_CLIENT_OPTIONS, useValue: { attempts: 1 } },
      ],
    }).compile();
    expect(moduleRef.get(LaporClient)).toBeInstanceOf(LaporClient);
  });
});
