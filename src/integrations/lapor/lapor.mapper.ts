import { laporCodes, normalName, type LaporCodes } from './lapor-codes';
import { LaporMappingError } from './lapor.errors';
import type {
  DispositionedAtSource,
  UnknownCode,
  UpstreamAuthorType,
  UpstreamComplaint,
  UpstreamComplaintDetail,
  UpstreamFollowUp,
  UpstreamInstitution,
  UpstreamLog,
  UpstreamPage,
  UpstreamReporter,
  UpstreamTemplate,
} from './lapor.types';
import type {
  WireComplaint,
  WireFollowUp,
  WireInstitution,
  WireLog,
  WireReporter,
  WireTemplate,
} from './lapor.wire';
import { isWireObject, WireFieldError, WireReader, withoutNul, type WireObject } from './lapor-wire.reader';

/**
 * Wire → the bridge's view (lapor.types.ts), by the rules of LAPOR-API.md (README.md "Mapping
 * rules"). Every function takes `unknown`: the wire is untrusted. A broken object throws a
 * LaporMappingError with a reason; unknown codes are listed, never defaulted.
 */

/** Disposition name of a complaint LAPOR! has not dispositioned yet (LAPOR-API.md). */
export const NOT_DISPOSITIONED = 'Belum Terdisposisi';
const AUTHOR_TYPES: readonly UpstreamAuthorType[] = ['institution', 'reporter', 'admin'];

export interface MapComplaintOptions {
  /** Logs of the complaint's detail: the disposition time falls back to the entry that set it. */
  logs?: UpstreamLog[];
  codes?: LaporCodes;
}

/** Best-effort id of a broken item, for `rejected` and error messages. */
export function wireIdOf(item: unknown, keys: string[] = ['complaint_id', 'id']): string | null {
  if (!isWireObject(item)) return null;
  for (const key of keys) {
    const v = item[key];
    // Stored with the rejected delivery: without U+0000, which Postgres cannot hold.
    const text = typeof v === 'string' ? withoutNul(v).trim() : '';
    if (text) return text.slice(0, 64);
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  }
  return null;
}

/** Runs a mapping, turning a field problem into a LaporMappingError for that item. */
function mapping<T>(item: unknown, what: string, idKeys: string[], map: (obj: WireObject) => T): T {
  if (!isWireObject(item)) throw new LaporMappingError(`expected ${what} object`, null);
  try {
    return map(item);
  } catch (err) {
    if (err instanceof WireFieldError) throw new LaporMappingError(err.message, wireIdOf(item, idKeys));
    throw err;
  }
}

export function mapComplaint(wire: unknown, opts: MapComplaintOptions = {}): UpstreamComplaint {
  const codes = opts.codes ?? laporCodes();
  return mapping(wire, 'a complaint', ['complaint_id', 'id'], (obj) => {
    const r = new WireReader<WireComplaint>(obj);
    const laporId = complaintIdOf(r);
    const unknownCodes: UnknownCode[] = [];
    const statusCode = r.id('status_code');
    const statusName = r.text('status_name');
    const status = codes.status(statusCode, statusName);
    if (!status.known) unknownCodes.push(status.unknown);
    const classificationId = r.id('classification_id');
    const classificationName = r.text('classification_name');
    const classification = codes.classification(classificationId, classificationName);
    if (!classification.known) unknownCodes.push(classification.unknown);
    const categoryId = r.id('category_id');
    const categoryName = r.text('category_name');
    const category = codes.category(categoryId, categoryName);
    if (!category.known) unknownCodes.push(category.unknown);

    const isAnonymous = r.flag('is_anonymous');
    const createdAt = r.instant('created_at');
    const disposition = dispositionOf(r, createdAt, opts.logs ?? []);
    return {
      laporId,
      trackingId: r.id('tracking_id'),
      title: r.requiredText('title'),
      content: r.requiredText('content'),
      statusCode,
      statusName,
      statusMeaning: status.known ? status.value : null,
      classificationId,
      classificationName,
      classification: classification.known ? classification.value : null,
      categoryId,
      categoryName,
      locationId: r.id('location_id'),
      locationName: r.text('location_name'),
      dateOfIncident: r.date('date_of_incident'),
      isAnonymous,
      isSecret: r.flag('is_secret'),
      // Anonim: the identity is hidden from the agency too; whatever LAPOR! sent is dropped unread.
      reporter: isAnonymous ? null : reporterOf(r.object('reporter')),
      ...disposition,
      createdAt,
      updatedAt: r.requiredInstant('updated_at'),
      attachments: r.attachments('attachments'),
      unknownCodes,
    };
  });
}

/** `id` / `complaint_id`: either one; both must agree when both are sent. */
function complaintIdOf(r: WireReader<WireComplaint>): string {
  const id = r.id('id');
  const complaintId = r.id('complaint_id');
  if (id !== null && complaintId !== null && id !== complaintId) {
    throw new WireFieldError('id', 'the same value as complaint_id');
  }
  const laporId = complaintId ?? id;
  if (laporId === null) throw new WireFieldError('complaint_id', 'an id (or id)');
  return laporId;
}

function reporterOf(obj: WireObject | null): UpstreamReporter | null {
  if (!obj) return null;
  const r = new WireReader<WireReporter>(obj, 'reporter.');
  const reporter = { name: r.text('name'), email: r.text('email'), phone: r.text('phone') };
  return reporter.name === null && reporter.email === null && reporter.phone === null ? null : reporter;
}

type DispositionFields = Pick<
  UpstreamComplaint,
  'dispositionId' | 'dispositionName' | 'dispositionedAt' | 'dispositionedAtSource'
>;

/**
 * `Belum Terdisposisi` (or no disposition at all) = not dispositioned. The time: `dispositioned_at`
 * where present, else the log entry that set the disposition, else `created_at` (LAPOR-API.md).
 */
function dispositionOf(
  r: WireReader<WireComplaint>,
  createdAt: Date | null,
  logs: UpstreamLog[],
): DispositionFields {
  const id = r.id('disposition_id');
  const name = r.text('disposition_name');
  const field = r.instant('dispositioned_at');
  const notDispositioned =
    (id === null && name === null) || (name !== null && normalName(name) === normalName(NOT_DISPOSITIONED));
  if (notDispositioned) {
    return { dispositionId: null, dispositionName: null, dispositionedAt: null, dispositionedAtSource: null };
  }
  const fromLog = name === null ? null : dispositionLogTime(logs, name);
  const [at, source]: [Date | null, DispositionedAtSource | null] = field
    ? [field, 'field']
    : fromLog
      ? [fromLog, 'log']
      : createdAt
        ? [createdAt, 'created_at']
        : [null, null];
  return { dispositionId: id, dispositionName: name, dispositionedAt: at, dispositionedAtSource: source };
}

/**
 * ASSUMED (LAPOR-API.md names no log fields): the entry that set the disposition is the latest one
 * that moves the complaint to that institution (`institution_to_name` is it, `institution_from_name`
 * is another), or, without institution names, whose description says "didisposisikan ke <name>".
 */
export function dispositionLogTime(logs: UpstreamLog[], dispositionName: string): Date | null {
  const target = normalName(dispositionName);
  let latest: Date | null = null;
  for (const log of logs) {
    if (!log.createdAt) continue;
    const to = log.institutionToName ? normalName(log.institutionToName) : null;
    const from = log.institutionFromName ? normalName(log.institutionFromName) : null;
    const moves =
      to !== null
        ? to === target && from !== target
        : log.description !== null && normalName(log.description).includes(`didisposisikan ke ${target}`);
    if (moves && (!latest || log.createdAt.getTime() >= latest.getTime())) latest = log.createdAt;
  }
  return latest;
}

export function mapLog(wire: unknown): UpstreamLog {
  return mapping(wire, 'a log', ['id'], (obj) => {
    const r = new WireReader<WireLog>(obj);
    return {
      id: r.id('id'),
      statusCode: r.id('status_code'),
      statusName: r.text('status_name'),
      description: r.text('description'),
      institutionFromName: r.text('institution_from_name'),
      institutionToName: r.text('institution_to_name'),
      createdAt: r.instant('created_at'),
    };
  });
}

/**
 * `results` of the detail: `data` (the complaint) and `data_logs[]`. A broken log breaks the detail:
 * the disposition time may hang on it.
 */
export function mapComplaintDetail(results: unknown, codes?: LaporCodes): UpstreamComplaintDetail {
  if (!isWireObject(results)) throw new LaporMappingError('expected results to be an object');
  const complaintId = wireIdOf(results.data);
  const rawLogs = results.data_logs ?? [];
  if (!Array.isArray(rawLogs)) throw new LaporMappingError('data_logs: expected a list', complaintId);
  const logs = rawLogs.map((log, i) => {
    try {
      return mapLog(log);
    } catch (err) {
      if (err instanceof LaporMappingError)
        throw new LaporMappingError(
          `data_logs[${i}]${err.reason.startsWith('expected') ? ': ' : '.'}${err.reason}`,
          complaintId,
        );
      throw err;
    }
  });
  return { complaint: mapComplaint(results.data, { logs, codes }), logs };
}

export function mapFollowUp(wire: unknown): UpstreamFollowUp {
  return mapping(wire, 'a follow-up', ['id'], (obj) => {
    const r = new WireReader<WireFollowUp>(obj);
    const laporFollowupId = r.requiredId('id');
    const author = r.text('author_type');
    const authorType = AUTHOR_TYPES.find((t) => author !== null && t === author.trim().toLowerCase());
    if (!authorType) throw new WireFieldError('author_type', `one of ${AUTHOR_TYPES.join(', ')}`);
    const content = obj.content;
    if (typeof content !== 'string') throw new WireFieldError('content', 'text');
    return {
      laporFollowupId,
      // May be empty, so not r.text(); but without U+0000 like every other text (Postgres refuses it).
      content: withoutNul(content),
      createdAt: r.requiredInstant('created_at'),
      authorType,
      institutionFromId: r.id('institution_from_id'),
      institutionFromName: r.text('institution_from_name'),
      institutionToId: r.id('institution_to_id'),
      institutionToName: r.text('institution_to_name'),
      templateCode: r.id('template_code'),
      isSecret: r.optionalFlag('is_secret'),
      attachments: r.attachments('attachments'),
    };
  });
}

export function mapInstitution(wire: unknown): UpstreamInstitution {
  return mapping(wire, 'an institution', ['id'], (obj) => {
    const r = new WireReader<WireInstitution>(obj);
    return { id: r.requiredId('id'), name: r.requiredText('name') };
  });
}

export function mapTemplate(wire: unknown): UpstreamTemplate {
  return mapping(wire, 'a template', ['template_code'], (obj) => {
    const r = new WireReader<WireTemplate>(obj);
    return {
      templateCode: r.requiredId('template_code'),
      title: r.text('title'),
      type: r.text('type'),
      content: r.text('content'),
    };
  });
}

/** Maps a page's items; a broken item goes to `rejected` and never fails its page. */
export function mapItems<T>(
  items: unknown[],
  nextPageUrl: string | null,
  map: (wire: unknown) => T,
  idKeys?: string[],
): UpstreamPage<T> {
  const page: UpstreamPage<T> = { items: [], rejected: [], nextPageUrl };
  items.forEach((item, index) => {
    try {
      page.items.push(map(item));
    } catch (err) {
      if (!(err instanceof LaporMappingError)) throw err;
      page.rejected.push({ index, laporId: err.laporId ?? wireIdOf(item, idKeys), reason: err.reason });
    }
  });
  return page;
}
