import { Foundation1795419000000 } from './1795419000000-Foundation';
import { Intake1795421400000 } from './1795421400000-Intake';
import { Routing1795500000000 } from './1795500000000-Routing';
import { Workflow1795600000000 } from './1795600000000-Workflow';
import { Audit1795600100000 } from './1795600100000-Audit';
import { ResponseTemplates1795600200000 } from './1795600200000-ResponseTemplates';
import { Sync1795700000000 } from './1795700000000-Sync';
import { Drift1795700100000 } from './1795700100000-Drift';
import { Sla1795800000000 } from './1795800000000-Sla';
import { NotificationChannels1795800200000 } from './1795800200000-NotificationChannels';
import { Users1795900000000 } from './1795900000000-Users';
import { NotificationReads1796000000000 } from './1796000000000-NotificationReads';
import { SlaCalendarFingerprints1796100000000 } from './1796100000000-SlaCalendarFingerprints';
import { PollRunSeq1796200000000 } from './1796200000000-PollRunSeq';

/**
 * Every migration, oldest first. Listed explicitly (not globbed) so the same list serves the
 * compiled app, the CLI and ts-jest. Add each new migration at the end.
 */
export const MIGRATIONS = [
  Foundation1795419000000,
  Intake1795421400000,
  Routing1795500000000,
  Workflow1795600000000,
  Audit1795600100000,
  ResponseTemplates1795600200000,
  Sync1795700000000,
  Drift1795700100000,
  Sla1795800000000,
  NotificationChannels1795800200000,
  Users1795900000000,
  NotificationReads1796000000000,
  SlaCalendarFingerprints1796100000000,
  PollRunSeq1796200000000,
];
