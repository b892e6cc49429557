/** Inputs of the LaporClient methods (the outputs are in lapor.types.ts). */

export interface InboxPageQuery {
  /** Complaints changed at or after this instant (sent as d-m-Y H:i:s WIB, whole seconds). */
  updatedFrom: Date;
  /** 1-based. */
  page: number;
  pageSize?: number;
}

export interface AddFollowUpInput {
  complaintId: string;
  institutionFromId: string;
  /** Defaults to institutionFromId (a reply on the complaint, not a transfer). */
  institutionToId?: string;
  content: string;
  templateCode?: string | null;
  isSecret: boolean;
}

export interface ForwardInput {
  complaintId: string;
  targetInstitutionId: string;
  /** Shown to LAPOR! and the target institution as `reason_description`. */
  reason: string;
}
