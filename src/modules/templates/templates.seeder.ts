import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { configPath } from '../../core/config/project-root';
import { ADVISORY_LOCKS } from '../../core/database/advisory-locks';
import { TEMPLATE_ACTIONS, unknownPlaceholders, type TemplateAction } from './template-render';

/** config/data/response-templates.json: ours, its sources in its `source` field. */
export const RESPONSE_TEMPLATES_JSON = configPath('data', 'response-templates.json');

/** One seeded template, lines already joined. */
export interface SeedTemplate {
  code: string;
  action: TemplateAction;
  titleId: string;
  titleEn: string;
  bodyId: string;
  bodyEn: string;
}

interface FileTemplate {
  code: string;
  action: string;
  title: { id: string; en: string };
  body: { id: string[]; en: string[] };
}

export const TEMPLATE_CODE_RE = /^[a-z0-9-]{2,60}$/;

/**
 * Seeds the response templates at boot, like the missions directory. Idempotent: new codes are
 * inserted and changed wording applied, but a row an admin created or edited (admin_edited) is
 * never overwritten, and a code removed from the file is not deleted.
 */
@Injectable()
export class TemplatesSeeder {
  private readonly logger = new Logger(TemplatesSeeder.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Reads and checks the file; a bad file stops the boot with what to fix. */
  static readFile(path = RESPONSE_TEMPLATES_JSON): SeedTemplate[] {
    const fail = (why: string) => {
      throw new Error(`${path}: ${why}. Fix the file (see src/modules/templates/README.md) and restart.`);
    };
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { templates?: FileTemplate[] };
    if (!Array.isArray(parsed.templates)) fail('no "templates" list');
    const seen = new Set<string>();
    return parsed.templates!.map((t) => {
      if (!TEMPLATE_CODE_RE.test(t.code ?? '')) fail(`code "${t.code}" must match ${TEMPLATE_CODE_RE}`);
      if (seen.has(t.code)) fail(`code "${t.code}" appears twice`);
      seen.add(t.code);
      if (!(TEMPLATE_ACTIONS as readonly string[]).includes(t.action))
        fail(`"${t.code}": action "${t.action}" is not one of ${TEMPLATE_ACTIONS.join(', ')}`);
      const row: SeedTemplate = {
        code: t.code,
        action: t.action as TemplateAction,
        titleId: t.title?.id ?? '',
        titleEn: t.title?.en ?? '',
        bodyId: (t.body?.id ?? []).join('\n'),
        bodyEn: (t.body?.en ?? []).join('\n'),
      };
      if (!row.titleId || !row.titleEn || !row.bodyId || !row.bodyEn)
        fail(`"${t.code}": both titles and both bodies are required`);
      const unknown = unknownPlaceholders(row.titleId, row.titleEn, row.bodyId, row.bodyEn);
      if (unknown.length) fail(`"${t.code}": unknown placeholders ${unknown.join(', ')}`);
      return row;
    });
  }

  async seed(rows: SeedTemplate[] = TemplatesSeeder.readFile()): Promise<number> {
    await this.dataSource.transaction(async (m) => {
      // The same lock as the missions seeder: replicas booting together seed one after the other.
      await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.seed]);
      for (const r of rows) {
        await m.query(
          `INSERT INTO response_templates (code, action, title_id, title_en, body_id, body_en)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (code) DO UPDATE SET action = EXCLUDED.action, title_id = EXCLUDED.title_id,
             title_en = EXCLUDED.title_en, body_id = EXCLUDED.body_id, body_en = EXCLUDED.body_en,
             updated_at = now()
           WHERE NOT response_templates.admin_edited
             AND (response_templates.action, response_templates.title_id, response_templates.title_en,
                  response_templates.body_id, response_templates.body_en)
             IS DISTINCT FROM (EXCLUDED.action, EXCLUDED.title_id, EXCLUDED.title_en, EXCLUDED.body_id,
                  EXCLUDED.body_en)`,
          [r.code, r.action, r.titleId, r.titleEn, r.bodyId, r.bodyEn],
        );
      }
    });
    this.logger.log(`response templates seeded (${rows.length})`);
    return rows.length;
  }
}
