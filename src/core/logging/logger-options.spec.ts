import { QueryFailedError } from 'typeorm';
import { serializeError } from './logger-options';

describe('error serialisation in logs', () => {
  it('keeps name, code, message and stack, never SQL parameters or driver details', () => {
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "complaints_lapor_id_key"'),
      {
        code: '23505',
        detail: 'Key (lapor_id)=(2600001) already exists.',
      },
    );
    const err = new QueryFailedError(
      'INSERT INTO complaints (title) VALUES ($1)',
      ['Siti Aminah, paspor hilang'],
      driverError,
    );
    const logged = JSON.stringify(serializeError(err));
    expect(logged).toContain('QueryFailedError');
    expect(logged).toContain('23505');
    expect(logged).not.toContain('Siti');
    expect(logged).not.toContain('2600001');
    expect(logged).not.toContain('INSERT INTO');
  });

  it('blanks quoted values in messages, which drivers fill with input', () => {
    const logged = serializeError(new Error('invalid input syntax for type uuid: "budi@example.id"'));
    expect(logged.message).toBe('invalid input syntax for type uuid: "…"');
  });
});
