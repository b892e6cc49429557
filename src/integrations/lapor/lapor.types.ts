/**
 * The bridge's own view of LAPOR! objects, after mapping from the wire (lapor.mapper.ts). Instants
 * are Date in UTC; ids are strings. Nothing here is defaulted: what LAPOR! did not send is null, and
 * codes the bridge does not know are listed in `unknownCodes` (the complaint is then quarantined).
 */

/** What the bridge does with a LAPOR! status (config/lapor-codes.json). */
export type LaporStatusMeaning = 'unverified' | 'in_process' | 'finished' | 'archived' | 'rejected';

/** Internal classification codes (PermenPANRB 62/2018 completion limits hang on these). */
export type Classification = 'aspirasi' | 'pengaduan' | 'permintaan_informasi' | 'pengaduan_pengawasan';

export interface UnknownCode {
  field: 'status' | 'classification' | 'category';
  code: string | null;
  name: string | null;
}

export interface UpstreamReporter {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface UpstreamAttachment {
  id: string;
  name: string;
  url: string;
}

export type UpstreamAuthorType = 'institution' | 'reporter' | 'admin';

export interface UpstreamFollowUp {
  laporFollowupId: string;
  content: string;
  createdAt: Date;
  authorType: UpstreamAuthorType;
  institutionFromName: string | null;
  institutionToName: string | null;
  templateCode: string | null;
  attachments: UpstreamAttachment[];
  /** Added: LAPOR! ids of the sender and receiver institutions, when sent (whose follow-up it is). */
  institutionFromId?: string | null;
  institutionToId?: string | null;
  /** Added: the follow-up is hidden from the public; null when LAPOR! does not say. */
  isSecret?: boolean | null;
}

export interface UpstreamLog {
  id: string | null;
  statusName: string | null;
  description: string | null;
  createdAt: Date | null;
  /** Added: the status code and the institutions the entry moves the complaint between, when sent. */
  statusCode?: string | null;
  institutionFromName?: string | null;
  institutionToName?: string | null;
}

export type DispositionedAtSource = 'field' | 'log' | 'created_at';

export interface UpstreamComplaint {
  laporId: string;
  trackingId: string | null;
  title: string;
  content: string;
  statusCode: string | null;
  statusName: string | null;
  /** Null when the status is unknown (then listed in unknownCodes). */
  statusMeaning: LaporStatusMeaning | null;
  classificationId: string | null;
  classificationName: string | null;
  classification: Classification | null;
  categoryId: string | null;
  categoryName: string | null;
  locationId: string | null;
  locationName: string | null;
  /** Calendar date yyyy-mm-dd. */
  dateOfIncident: string | null;
  isAnonymous: boolean;
  isSecret: boolean;
  /** Null when anonymous or absent. Personal data: encrypt before storing, never log. */
  reporter: UpstreamReporter | null;
  dispositionId: string | null;
  dispositionName: string | null;
  /** When LAPOR! dispositioned it to its current institution: the SLA clocks start here. */
  dispositionedAt: Date | null;
  /**
   * Added: where dispositionedAt came from (LAPOR-API.md fallback order): LAPOR!'s `dispositioned_at`,
   * the log entry that set the disposition, or `created_at`. Null when not dispositioned.
   */
  dispositionedAtSource?: DispositionedAtSource | null;
  createdAt: Date | null;
  updatedAt: Date;
  attachments: UpstreamAttachment[];
  unknownCodes: UnknownCode[];
}

/** A complaint with what its detail endpoint adds. */
export interface UpstreamComplaintDetail {
  complaint: UpstreamComplaint;
  logs: UpstreamLog[];
}

export interface UpstreamPage<T> {
  items: T[];
  /** Items of the page that could not be mapped: one bad item never fails its page. */
  rejected: { index: number; laporId: string | null; reason: string }[];
  nextPageUrl: string | null;
}

/** An institution of LAPOR!'s master list (disposition and forwarding targets). */
export interface UpstreamInstitution {
  id: string;
  name: string;
}

/** A reply template of LAPOR!'s master list. */
export interface UpstreamTemplate {
  templateCode: string;
  title: string | null;
  type: string | null;
  content: string | null;
}
