import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { configPath } from '../../core/config/project-root';
import type { Classification, LaporStatusMeaning, UnknownCode } from './lapor.types';

/**
 * The LAPOR! codes the bridge recognises (config/lapor-codes.json). LAPOR!'s real lists are not
 * public, so an operator extends the file; a code not listed is reported as an UnknownCode and the
 * complaint is quarantined, never mapped to a default (SPEC.md "Intake").
 *
 * Lookup rule: by code (id) when LAPOR! sends one, by name only when it sends no code. A code wins
 * over its name: a known name with an unknown code is unknown (the code list is what LAPOR! keys on).
 * Names compare case-insensitively with spaces collapsed. Absent code and name is unknown too.
 */

const STATUS_MEANINGS = ['unverified', 'in_process', 'finished', 'archived', 'rejected'] as const;
const CLASSIFICATIONS = ['aspirasi', 'pengaduan', 'permintaan_informasi', 'pengaduan_pengawasan'] as const;

const code = z.union([z.string().trim().min(1), z.number().int().nonnegative().transform(String)]);
const name = z.string().trim().min(1);

const codesFileSchema = z.object({
  statuses: z.array(z.strictObject({ code, name, meaning: z.enum(STATUS_MEANINGS) })),
  classifications: z.array(z.strictObject({ id: code, name, classification: z.enum(CLASSIFICATIONS) })),
  categories: z.array(z.strictObject({ id: code, name })),
});
export type LaporCodesFile = z.input<typeof codesFileSchema>;

export type CodeLookup<T> = { known: true; value: T } | { known: false; unknown: UnknownCode };

/** A broken codes file: the message says which entry and how to fix it. */
export class LaporCodesError extends Error {
  constructor(source: string, problems: string[]) {
    super(
      `${source} is not a valid LAPOR! codes file:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Fix the file (see src/integrations/lapor/README.md "Codes") and restart.',
    );
    this.name = 'LaporCodesError';
  }
}

export const normalName = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

class CodeTable<T> {
  private readonly byCode = new Map<string, T>();
  private readonly byName = new Map<string, T>();

  constructor(
    private readonly field: UnknownCode['field'],
    entries: { code: string; name: string; value: T }[],
    problems: string[],
  ) {
    for (const e of entries) {
      if (this.byCode.has(e.code)) problems.push(`${field} code "${e.code}" is listed twice`);
      if (this.byName.has(normalName(e.name))) problems.push(`${field} name "${e.name}" is listed twice`);
      this.byCode.set(e.code, e.value);
      this.byName.set(normalName(e.name), e.value);
    }
  }

  lookup(code: string | null, name: string | null): CodeLookup<T> {
    const value =
      code !== null ? this.byCode.get(code) : name !== null ? this.byName.get(normalName(name)) : undefined;
    return value === undefined
      ? { known: false, unknown: { field: this.field, code, name } }
      : { known: true, value };
  }
}

export class LaporCodes {
  private readonly statuses: CodeTable<LaporStatusMeaning>;
  private readonly classifications: CodeTable<Classification>;
  private readonly categories: CodeTable<true>;

  private constructor(file: z.output<typeof codesFileSchema>, source: string) {
    const problems: string[] = [];
    this.statuses = new CodeTable(
      'status',
      file.statuses.map((s) => ({ code: s.code, name: s.name, value: s.meaning })),
      problems,
    );
    this.classifications = new CodeTable(
      'classification',
      file.classifications.map((c) => ({ code: c.id, name: c.name, value: c.classification })),
      problems,
    );
    this.categories = new CodeTable(
      'category',
      file.categories.map((c) => ({ code: c.id, name: c.name, value: true as const })),
      problems,
    );
    if (problems.length) throw new LaporCodesError(source, problems);
  }

  /** Validates parsed JSON (extra top-level keys such as `_comment` are ignored). */
  static fromJson(data: unknown, source = 'LAPOR! codes'): LaporCodes {
    const parsed = codesFileSchema.safeParse(data);
    if (!parsed.success) {
      throw new LaporCodesError(
        source,
        parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      );
    }
    return new LaporCodes(parsed.data, source);
  }

  static fromFile(path: string): LaporCodes {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new LaporCodesError(path, [err instanceof Error ? err.message : String(err)]);
    }
    return LaporCodes.fromJson(data, path);
  }

  /** Status by code, or by name when LAPOR! sends no code → what the bridge does with it. */
  status(code: string | null, name: string | null): CodeLookup<LaporStatusMeaning> {
    return this.statuses.lookup(code, name);
  }

  /** Classification by id, or by name when absent → the internal classification. */
  classification(id: string | null, name: string | null): CodeLookup<Classification> {
    return this.classifications.lookup(id, name);
  }

  /** Category by id, or by name when absent: known or not (the name is kept as LAPOR! sends it). */
  category(id: string | null, name: string | null): CodeLookup<true> {
    return this.categories.lookup(id, name);
  }
}

let loaded: LaporCodes | undefined;

/** config/lapor-codes.json, read and validated once per process. */
export function laporCodes(): LaporCodes {
  return (loaded ??= LaporCodes.fromFile(configPath('lapor-codes.json')));
}
