import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The append-only audit log; other modules record into it inside their own transactions. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}

/** GET /api/v1/admin/audit (api role only). */
@Module({ imports: [AuditModule], controllers: [AuditController] })
export class AuditApiModule {}
