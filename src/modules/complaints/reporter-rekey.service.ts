import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../core/crypto/field-cipher';

export interface RekeyResult {
  /** Complaints with a reporter field written under an older key. */
  found: number;
  /** Of those, rewritten under the active key. */
  rewritten: number;
  /** Changed by someone else between the read and the write: the next run takes them. */
  skipped: number;
  activeKey: string;
}

const FIELDS = ['reporter_name_enc', 'reporter_email_enc', 'reporter_phone_enc'] as const;

/**
 * Re-encrypts reporters written under an older ENCRYPTION_KEY key with the active (first) one, so
 * the old key can be removed afterwards (docs/OPERATIONS.md, "Key rotation"). Batches by id; each
 * row is rewritten only if it still holds what was read, and never moves the complaint's version
 * (nothing a person would see has changed). Safe to run again, and while the bridge runs.
 */
@Injectable()
export class ReporterRekeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async rekey(batch = 500): Promise<RekeyResult> {
    const prefix = `${this.cipher.activeKey}:%`;
    const result: RekeyResult = { found: 0, rewritten: 0, skipped: 0, activeKey: this.cipher.activeKey };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: ({ id: string } & Record<(typeof FIELDS)[number], string | null>)[] =
        await this.dataSource.query(
          `SELECT id, ${FIELDS.join(', ')} FROM complaints
         WHERE id > $1 AND (${FIELDS.map((f) => `${f} NOT LIKE $2`).join(' OR ')})
         ORDER BY id LIMIT $3`,
          [after, prefix, batch],
        );
      if (!rows.length) return result;
      after = rows[rows.length - 1].id;
      result.found += rows.length;
      for (const row of rows) {
        const next = FIELDS.map((f) =>
          row[f] && this.cipher.needsRotation(row[f])
            ? this.cipher.encrypt(this.cipher.decrypt(row[f]))
            : row[f],
        );
        const [, count]: [unknown[], number] = await this.dataSource.query(
          `UPDATE complaints SET ${FIELDS.map((f, i) => `${f} = $${i + 2}`).join(', ')}
           WHERE id = $1 AND ${FIELDS.map((f, i) => `${f} IS NOT DISTINCT FROM $${i + 5}`).join(' AND ')}
           RETURNING id`,
          [row.id, ...next, ...FIELDS.map((f) => row[f])],
        );
        if (count === 1) result.rewritten++;
        else result.skipped++;
      }
    }
  }
}
