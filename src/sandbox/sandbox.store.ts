import {
  NOT_DISPOSITIONED,
  SANDBOX_CATEGORIES,
  SANDBOX_CLASSIFICATIONS,
  statusRef,
  type CodeName,
} from './lapor-masters.data';
import type { SandboxClock } from './sandbox.clock';
import { SandboxError } from './sandbox.errors';
import type {
  ComplaintPatch,
  NewComplaint,
  NewFollowup,
  StatusRef,
  StoredComplaint,
  StoredFollowup,
  StoredLog,
} from './sandbox.types';
import { floorToSecond, wibCalendarDate } from './wib-time.util';

/** Older snapshots kept per complaint, enough for out-of-order webhook tests without unbounded growth. */
const MAX_VERSIONS = 20;
const FIRST_COMPLAINT_ID = 2_600_001;
const TRACKING_OFFSET = 5_100_000;
const DEFAULT_REPORTER = {
  name: 'Pelapor Sandbox',
  email: 'pelapor@example.com',
  phone: '+62 812-0000-0000',
};

/** Numeric ids sort as numbers (LAPOR! ids are numbers), anything else as text. */
export function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

const latest = (dates: (Date | null | undefined)[]): Date =>
  new Date(Math.max(...dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())));

/**
 * In-memory LAPOR! for one institution. It keeps the rules the bridge depends on: every change moves
 * updated_at (the inbox cursor), status and disposition changes write a log entry, and the previous
 * state of a complaint is kept so that an out-of-order webhook can carry an older snapshot.
 */
export class SandboxStore {
  private readonly complaints = new Map<string, StoredComplaint>();
  private readonly versions = new Map<string, StoredComplaint[]>();
  private readonly followups = new Map<string, StoredFollowup[]>();
  private readonly logs = new Map<string, StoredLog[]>();
  private nextComplaintId = FIRST_COMPLAINT_ID;
  private nextFollowupId = 1;
  private nextLogId = 1;

  constructor(
    private readonly clock: SandboxClock,
    readonly institution: CodeName,
  ) {}

  reset(): void {
    for (const map of [this.complaints, this.versions, this.followups, this.logs]) map.clear();
    this.nextComplaintId = FIRST_COMPLAINT_ID;
    this.nextFollowupId = 1;
    this.nextLogId = 1;
  }

  get(id: string): StoredComplaint {
    const complaint = this.complaints.get(id);
    if (!complaint) throw SandboxError.notFound(`Laporan ${id}`);
    return complaint;
  }

  has(id: string): boolean {
    return this.complaints.has(id);
  }

  list(): StoredComplaint[] {
    return [...this.complaints.values()].sort((a, b) => compareIds(a.id, b.id));
  }

  /** Complaints dispositioned to our institution changed at or after `from`, oldest change first. */
  inbox(from: Date | null): StoredComplaint[] {
    const fromMs = from ? from.getTime() : -Infinity;
    return [...this.complaints.values()]
      .filter((c) => c.disposition?.id === this.institution.id && floorToSecond(c.updatedAt) >= fromMs)
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || compareIds(a.id, b.id));
  }

  followupsOf(complaintId: string): StoredFollowup[] {
    this.get(complaintId);
    return this.followups.get(complaintId) ?? [];
  }

  allFollowups(): StoredFollowup[] {
    return [...this.followups.values()].flat();
  }

  logsOf(complaintId: string): StoredLog[] {
    this.get(complaintId);
    return this.logs.get(complaintId) ?? [];
  }

  /** One follow-up of a complaint (webhook payloads name it by id). */
  findFollowup(complaintId: string, followupId: string): StoredFollowup {
    const found = this.followupsOf(complaintId).find((f) => f.id === followupId);
    if (!found) throw SandboxError.notFound(`Tindak lanjut ${followupId}`);
    return found;
  }

  /** The state before the latest change, if the complaint has changed since it was created. */
  previousVersion(complaintId: string): StoredComplaint | undefined {
    return this.versions.get(complaintId)?.at(-1);
  }

  create(input: NewComplaint): StoredComplaint {
    const now = this.clock.now();
    const id = input.id ?? this.allocateId();
    if (this.complaints.has(id)) throw new SandboxError(409, `Laporan ${id} sudah ada`);
    const createdAt = input.createdAt ?? now;
    const disposition = input.disposition === undefined ? this.institution : input.disposition;
    const dispositionedAt = disposition ? (input.dispositionedAt ?? createdAt) : null;
    const status = input.status ?? statusRef(disposition ? 'process' : 'unverified');
    const complaint: StoredComplaint = {
      id,
      trackingId: input.trackingId ?? (/^\d+$/.test(id) ? String(Number(id) + TRACKING_OFFSET) : id),
      title: input.title ?? 'Pelayanan paspor di Perwakilan RI lambat',
      content: input.content ?? 'Mohon bantuan, permohonan paspor saya belum ada kabar.',
      classification: input.classification ?? SANDBOX_CLASSIFICATIONS[0],
      category: input.category ?? SANDBOX_CATEGORIES[0],
      location: input.location === undefined ? null : input.location,
      dateOfIncident: input.dateOfIncident === undefined ? wibCalendarDate(createdAt) : input.dateOfIncident,
      isAnonymous: input.isAnonymous ?? false,
      isSecret: input.isSecret ?? false,
      reporter: input.reporter === undefined ? DEFAULT_REPORTER : input.reporter,
      status,
      disposition,
      dispositionedAt,
      createdAt,
      updatedAt: createdAt,
      attachments: input.attachments ?? [],
    };
    this.complaints.set(id, complaint);
    this.writeCreationLogs(complaint);
    for (const followup of input.followups ?? []) this.appendFollowup(complaint, followup, now);
    const followupTimes = (this.followups.get(id) ?? []).map((f) => f.createdAt);
    complaint.updatedAt = input.updatedAt ?? latest([createdAt, dispositionedAt, ...followupTimes]);
    return complaint;
  }

  /** A control-API change; an explicit updated_at (history) also dates its log entries. */
  update(id: string, patch: ComplaintPatch): StoredComplaint {
    const complaint = this.get(id);
    const { updatedAt, dispositionedAt, status, disposition, ...fields } = patch;
    const at = updatedAt ?? this.clock.now();
    this.snapshot(complaint);
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) Object.assign(complaint, { [key]: value });
    }
    if (disposition !== undefined && disposition?.id !== complaint.disposition?.id) {
      const from = complaint.disposition?.name ?? null;
      complaint.disposition = disposition;
      complaint.dispositionedAt = disposition ? (dispositionedAt ?? at) : null;
      this.log(
        complaint,
        status ?? complaint.status,
        this.dispositionText(disposition),
        at,
        from,
        disposition?.name,
      );
    } else if (dispositionedAt !== undefined) {
      complaint.dispositionedAt = dispositionedAt;
    }
    if (status && (status.code !== complaint.status.code || status.name !== complaint.status.name)) {
      complaint.status = status;
      const holder = complaint.disposition?.name ?? null;
      this.log(complaint, status, `Status laporan diubah menjadi ${status.name}`, at, holder, holder);
    }
    complaint.updatedAt = at;
    return complaint;
  }

  /**
   * A follow-up moves updated_at, so the poller sees the complaint again. One written "now" bumps it to
   * now; one with an explicit (historical) time only moves it forward to that time.
   */
  addFollowup(complaintId: string, input: NewFollowup): StoredFollowup {
    const complaint = this.get(complaintId);
    const now = this.clock.now();
    this.snapshot(complaint);
    const followup = this.appendFollowup(complaint, input, now);
    complaint.updatedAt = input.createdAt ? latest([complaint.updatedAt, input.createdAt]) : now;
    return followup;
  }

  /**
   * "Bukan wewenang" with a transfer request (LAPOR-API.md: POST /complaints/process/{id}/reject): the
   * status becomes Ditolak and the disposition moves to the target institution.
   */
  reject(complaintId: string, target: CodeName, description: string): StoredComplaint {
    const complaint = this.get(complaintId);
    if (complaint.disposition?.id !== this.institution.id) {
      throw SandboxError.invalid(
        'complaint_id',
        `Laporan tidak sedang didisposisikan ke ${this.institution.name}`,
      );
    }
    if (target.id === this.institution.id) {
      throw SandboxError.invalid('reason', 'Instansi tujuan tidak boleh instansi sendiri');
    }
    const now = this.clock.now();
    this.snapshot(complaint);
    const rejected = statusRef('rejected');
    complaint.status = rejected;
    const text = `Bukan wewenang ${this.institution.name}, diteruskan ke ${target.name}: ${description}`;
    this.log(complaint, rejected, text, now, this.institution.name, target.name);
    complaint.disposition = target;
    complaint.dispositionedAt = now;
    complaint.updatedAt = now;
    return complaint;
  }

  private allocateId(): string {
    while (this.complaints.has(String(this.nextComplaintId))) this.nextComplaintId += 1;
    return String(this.nextComplaintId++);
  }

  private snapshot(complaint: StoredComplaint): void {
    const list = this.versions.get(complaint.id) ?? [];
    list.push(structuredClone(complaint));
    if (list.length > MAX_VERSIONS) list.shift();
    this.versions.set(complaint.id, list);
  }

  private appendFollowup(complaint: StoredComplaint, input: NewFollowup, now: Date): StoredFollowup {
    const fromInstitution = input.authorType === 'institution';
    const followup: StoredFollowup = {
      id: String(this.nextFollowupId++),
      complaintId: complaint.id,
      content: input.content,
      createdAt: input.createdAt ?? now,
      authorType: input.authorType,
      institutionFrom:
        input.institutionFrom === undefined
          ? fromInstitution
            ? complaint.disposition
            : null
          : input.institutionFrom,
      institutionTo: input.institutionTo === undefined ? complaint.disposition : input.institutionTo,
      templateCode: input.templateCode ?? null,
      isSecret: input.isSecret ?? false,
      attachments: input.attachments ?? [],
    };
    const list = this.followups.get(complaint.id) ?? [];
    list.push(followup);
    list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareIds(a.id, b.id));
    this.followups.set(complaint.id, list);
    return followup;
  }

  private writeCreationLogs(c: StoredComplaint): void {
    this.log(c, statusRef('unverified'), 'Laporan diterima oleh SP4N-LAPOR!', c.createdAt, null, null);
    if (c.disposition && c.dispositionedAt) {
      const status = c.status.code === 'unverified' ? c.status : statusRef('process');
      this.log(c, status, this.dispositionText(c.disposition), c.dispositionedAt, null, c.disposition.name);
    }
    if (!['unverified', 'process'].includes(c.status.code)) {
      const at = latest([c.createdAt, c.dispositionedAt]);
      const holder = c.disposition?.name ?? null;
      this.log(c, c.status, `Status laporan diubah menjadi ${c.status.name}`, at, holder, holder);
    }
  }

  private dispositionText(target: CodeName | null): string {
    return target ? `Laporan didisposisikan ke ${target.name}` : `Disposisi dicabut (${NOT_DISPOSITIONED})`;
  }

  /** `from`/`to`: institution names the entry moves the complaint between (null: LAPOR! itself). */
  private log(
    c: StoredComplaint,
    status: StatusRef,
    description: string,
    at: Date,
    from: string | null | undefined,
    to: string | null | undefined,
  ): void {
    const entry: StoredLog = {
      id: String(this.nextLogId++),
      complaintId: c.id,
      status: { ...status },
      description,
      institutionFromName: from ?? null,
      institutionToName: to ?? null,
      createdAt: at,
    };
    const list = this.logs.get(c.id) ?? [];
    list.push(entry);
    this.logs.set(c.id, list);
  }
}
