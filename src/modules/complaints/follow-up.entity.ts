import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ComplaintEntity } from './complaint.entity';

export type FollowUpOrigin = 'lapor' | 'bridge';
export type FollowUpAuthorType = 'institution' | 'reporter' | 'admin';
export type FollowUpVisibility = 'public' | 'internal';
export type FollowUpKind = 'followup' | 'question' | 'resolution';

/**
 * A follow-up (tindak lanjut): read from LAPOR! (origin 'lapor') or written by a handler in the
 * bridge (origin 'bridge'). A public bridge follow-up has a sync item (sync_items, the sync module)
 * that carries its place in the complaint's sequence and its marker, so it reaches LAPOR! exactly
 * once and in order (SPEC.md "Reliability").
 */
@Entity({ name: 'follow_ups' })
@Unique('follow_ups_lapor_followup_id_key', ['laporFollowupId'])
@Unique('follow_ups_marker_key', ['marker'])
@Index('follow_ups_complaint_idx', ['complaintId', 'postedAt'])
@Check('follow_ups_origin_check', `"origin" IN ('lapor', 'bridge')`)
@Check('follow_ups_author_type_check', `"author_type" IN ('institution', 'reporter', 'admin')`)
@Check('follow_ups_visibility_check', `"visibility" IN ('public', 'internal')`)
@Check('follow_ups_kind_check', `"kind" IN ('followup', 'question', 'resolution')`)
export class FollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity)
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'follow_ups_complaint_id_fkey' })
  complaint?: ComplaintEntity;

  @Column({ name: 'lapor_followup_id', type: 'text', nullable: true })
  laporFollowupId: string | null;

  @Column({ type: 'text' })
  origin: FollowUpOrigin;

  @Column({ name: 'author_type', type: 'text' })
  authorType: FollowUpAuthorType;

  @Column({ type: 'text', default: 'public' })
  visibility: FollowUpVisibility;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'template_code', type: 'text', nullable: true })
  templateCode: string | null;

  @Column({ type: 'text', nullable: true })
  actor: string | null;

  /**
   * A public bridge follow-up's sync marker (sync_items.marker): it travels to LAPOR! in the text, so
   * the poll recognises our own words coming back instead of storing them twice.
   */
  @Column({ type: 'text', nullable: true })
  marker: string | null;

  /** What the follow-up is: an answer, a question to the reporter (ask-reporter), a resolution. */
  @Column({ type: 'text', default: 'followup' })
  kind: FollowUpKind;

  @Column({ name: 'posted_at', type: 'timestamptz' })
  postedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
