import type { CodeName } from './lapor-masters.data';

/** The sandbox's internal records. Instants are Date (UTC); the wire format is applied on output only. */

export interface StoredAttachment {
  id: string;
  name: string;
  url: string;
}

export interface StoredReporter {
  name: string;
  email: string | null;
  phone: string | null;
}

export interface StatusRef {
  code: string;
  name: string;
}

export interface StoredComplaint {
  id: string;
  trackingId: string;
  title: string;
  content: string;
  classification: CodeName;
  category: CodeName;
  location: CodeName | null;
  /** Calendar date yyyy-mm-dd (no instant: LAPOR! sends only d-m-Y). */
  dateOfIncident: string | null;
  isAnonymous: boolean;
  isSecret: boolean;
  reporter: StoredReporter | null;
  status: StatusRef;
  /** Null while LAPOR! has not dispositioned the complaint ("Belum Terdisposisi"). */
  disposition: CodeName | null;
  dispositionedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  attachments: StoredAttachment[];
}

export const AUTHOR_TYPES = ['institution', 'reporter', 'admin'] as const;
export type AuthorType = (typeof AUTHOR_TYPES)[number];

export interface StoredFollowup {
  id: string;
  complaintId: string;
  content: string;
  createdAt: Date;
  authorType: AuthorType;
  institutionFrom: CodeName | null;
  institutionTo: CodeName | null;
  templateCode: string | null;
  isSecret: boolean;
  attachments: StoredAttachment[];
}

/** A status or disposition log entry (`data_logs[]` of the complaint detail). */
export interface StoredLog {
  id: string;
  complaintId: string;
  status: StatusRef;
  description: string;
  institutionFromName: string | null;
  institutionToName: string | null;
  createdAt: Date;
}

/** A follow-up to add; omitted fields get defaults from the store (now, the complaint's disposition). */
export interface NewFollowup {
  authorType: AuthorType;
  content: string;
  createdAt?: Date;
  templateCode?: string | null;
  institutionFrom?: CodeName | null;
  institutionTo?: CodeName | null;
  isSecret?: boolean;
  attachments?: StoredAttachment[];
}

/** A complaint to create; every field is optional and defaults to a plausible dispositioned complaint. */
export interface NewComplaint {
  id?: string;
  trackingId?: string;
  title?: string;
  content?: string;
  classification?: CodeName;
  category?: CodeName;
  location?: CodeName | null;
  dateOfIncident?: string | null;
  isAnonymous?: boolean;
  isSecret?: boolean;
  reporter?: StoredReporter | null;
  status?: StatusRef;
  /** undefined: our institution; null: not dispositioned yet. */
  disposition?: CodeName | null;
  dispositionedAt?: Date | null;
  createdAt?: Date;
  updatedAt?: Date;
  attachments?: StoredAttachment[];
  followups?: NewFollowup[];
}

/** Fields the control API may change on an existing complaint. */
export type ComplaintPatch = Partial<
  Pick<
    StoredComplaint,
    | 'title'
    | 'content'
    | 'classification'
    | 'category'
    | 'location'
    | 'dateOfIncident'
    | 'isAnonymous'
    | 'isSecret'
    | 'reporter'
    | 'status'
    | 'disposition'
    | 'dispositionedAt'
    | 'updatedAt'
  >
>;
