/**
 * The LAPOR! wire format as LAPOR-API.md describes it: snake_case, times `d-m-Y H:i:s` WIB (some
 * ISO-8601), dates `d-m-Y`. These types document the contract; the mapper never trusts them: every
 * field is checked at run time (lapor.mapper.ts), because a wire object is untrusted input.
 * Optional (`?`) marks what LAPOR-API.md does not promise or marks ASSUMED.
 */

/** LAPOR! sends numbers where an id is numeric; the bridge treats every id as a string. */
export type WireId = number | string;
/** 0/1 flags as Laravel forms send them, or JSON booleans. */
export type WireFlag = boolean | 0 | 1 | '0' | '1';

export interface WireAttachment {
  id: WireId;
  name: string;
  url: string;
}

/** ASSUMED shape; empty (all blank) when the complaint is anonymous. */
export interface WireReporter {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** LAPOR-API.md "The complaint object". */
export interface WireComplaint {
  /** `id` and/or `complaint_id`: LAPOR!'s id of the complaint. */
  id?: WireId;
  complaint_id?: WireId;
  /** ASSUMED name; may equal complaint_id. */
  tracking_id?: WireId | null;
  title: string;
  content: string;
  classification_id?: WireId | null;
  classification_name?: string | null;
  category_id?: WireId | null;
  category_name?: string | null;
  location_id?: WireId | null;
  location_name?: string | null;
  /** `d-m-Y`. */
  date_of_incident?: string | null;
  is_anonymous: WireFlag;
  is_secret: WireFlag;
  reporter?: WireReporter | null;
  status_code?: WireId | null;
  status_name?: string | null;
  disposition_id?: WireId | null;
  /** `Belum Terdisposisi` before LAPOR! dispositions the complaint. */
  disposition_name?: string | null;
  /** ASSUMED field, `d-m-Y H:i:s` WIB. */
  dispositioned_at?: string | null;
  created_at?: string | null;
  /** Required: the inbox cursor and the "newer state wins" rule hang on it. */
  updated_at: string;
  attachments?: WireAttachment[] | null;
}

/** LAPOR-API.md "A follow-up object". */
export interface WireFollowUp {
  id: WireId;
  complaint_id?: WireId;
  content: string;
  created_at: string;
  /** ASSUMED field: `institution`, `reporter` (tanggapan pelapor) or `admin`. */
  author_type: string;
  institution_from_id?: WireId | null;
  institution_from_name?: string | null;
  institution_to_id?: WireId | null;
  institution_to_name?: string | null;
  template_code?: string | null;
  is_secret?: WireFlag | null;
  attachments?: WireAttachment[] | null;
}

/** An entry of `data_logs[]` (status and disposition history). The contract names no fields. */
export interface WireLog {
  id?: WireId | null;
  status_code?: WireId | null;
  status_name?: string | null;
  description?: string | null;
  institution_from_name?: string | null;
  institution_to_name?: string | null;
  created_at?: string | null;
}

/** `GET /masters/institutions/external` items. */
export interface WireInstitution {
  id: WireId;
  name: string;
}

/** `GET /masters/templates` items. */
export interface WireTemplate {
  template_code: string;
  title?: string | null;
  type?: string | null;
  content?: string | null;
}

/** Every answer: `{ success, results }` (plus `message` on writes and errors). */
export interface WireEnvelope<R> {
  success: boolean;
  message?: string;
  results: R;
}

/** Lists: `results.data[]` and `results.next_page_url` (null on the last page). */
export interface WireList<T> {
  data: T[];
  next_page_url: string | null;
  current_page?: number;
  per_page?: number;
  total?: number;
  last_page?: number;
}

/** `GET /complaints/{id}/complaint`: `results.data` and `results.data_logs[]`. */
export interface WireComplaintDetail {
  data: WireComplaint;
  data_logs: WireLog[];
}

/** `POST /complaints/followup/add`: the sandbox answers the new follow-up in `results.data`. */
export interface WireFollowUpAdded {
  data?: Partial<WireFollowUp> | null;
}
