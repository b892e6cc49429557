import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TemplateAction } from './template-render';

/**
 * A bilingual (Bahasa Indonesia / English) reply or note for one workflow action. Seeded from
 * config/data/response-templates.json; admins edit and add them. Owned by the templates module.
 */
@Entity({ name: 'response_templates' })
@Check('response_templates_code_check', `"code" ~ '^[a-z0-9-]{2,60}$'`)
@Check(
  'response_templates_action_check',
  `"action" IN ('acknowledge', 'followup', 'ask-reporter', 'resolve', 'reopen', 'transfer', 'escalate', 'reject')`,
)
export class ResponseTemplateEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  action: TemplateAction;

  @Column({ name: 'title_id', type: 'text' })
  titleId: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn: string;

  @Column({ name: 'body_id', type: 'text' })
  bodyId: string;

  @Column({ name: 'body_en', type: 'text' })
  bodyEn: string;

  /** Retired templates stay (active = false) instead of being deleted; only admins see them. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Set by any admin edit or creation: re-seeding at boot never overwrites this row again. */
  @Column({ name: 'admin_edited', type: 'boolean', default: false })
  adminEdited: boolean;

  /** The admin's token (actorOf), null for seeded rows. */
  @Column({ name: 'updated_by', type: 'text', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
