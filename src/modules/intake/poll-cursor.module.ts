import { Module } from '@nestjs/common';
import { PollCursorService } from './poll-cursor.service';

/**
 * The poll cursors on their own, so that a module outside intake (metrics) can read them without
 * importing IntakeModule, whose register() would build a second copy of it with its schedulers.
 */
@Module({ providers: [PollCursorService], exports: [PollCursorService] })
export class PollCursorModule {}
