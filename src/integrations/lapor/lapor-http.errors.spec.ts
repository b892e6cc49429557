import { AxiosError } from 'axios';
import { errorForStatus, errorForTransport, parseRetryAfter, type CallContext } from './lapor-http.errors';
import { listOf, resultsOf } from './lapor.envelope';
import { LaporError, LaporMappingError } from './lapor.errors';

const NOW = Date.parse('2026-11-23T07:05:09Z');
const read: CallContext = { operation: 'GET /complaints/inbox', write: false, now: () => NOW };
const write: CallContext = { operation: 'POST /complaints/followup/add', write: true, now: () => NOW };
const axiosError = (code: string) => new AxiosError('boom', code);

describe('LAPOR! error classification', () => {
  it.each([
    [401, 'LAPOR_AUTH', false],
    [403, 'LAPOR_AUTH', false],
    [404, 'LAPOR_NOT_FOUND', false],
    [400, 'LAPOR_REJECTED', false],
    [409, 'LAPOR_REJECTED', false],
    [422, 'LAPOR_REJECTED', false],
    [408, 'LAPOR_TIMEOUT', true],
    [429, 'LAPOR_RATE_LIMITED', true],
    [500, 'LAPOR_UNAVAILABLE', true],
    [502, 'LAPOR_UNAVAILABLE', true],
    [503, 'LAPOR_UNAVAILABLE', true],
    [302, 'LAPOR_BAD_RESPONSE', false],
  ])('%i → %s (retryable: %s)', (status, code, retryable) => {
    const err = errorForStatus(status, {}, {}, read);
    expect(err).toBeInstanceOf(LaporError);
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.status).toBe(status);
    expect(err.operation).toBe('GET /complaints/inbox');
  });

  it("keeps LAPOR!'s message and field errors on a 4xx, truncated", () => {
    const body = {
      success: false,
      message: 'Data yang diberikan tidak valid.',
      errors: { complaint_id: ['Laporan tidak ditemukan'], content: 'x'.repeat(1000) },
    };
    const err = errorForStatus(422, body, {}, write);
    expect(err.laporMessage).toBe('Data yang diberikan tidak valid.');
    expect(err.message).toContain('Data yang diberikan tidak valid.');
    expect(err.fieldErrors?.complaint_id).toEqual(['Laporan tidak ditemukan']);
    expect(err.fieldErrors?.content[0].length).toBeLessThanOrEqual(301);
    expect(err.outcomeUnknown).toBe(false);
  });

  it('ignores a non-JSON error body', () => {
    const err = errorForStatus(502, '<html>Bad Gateway</html>', {}, read);
    expect(err.laporMessage).toBeUndefined();
    expect(err.message).not.toContain('html');
  });

  it('a 5xx on a write: the outcome is unknown (it may have landed)', () => {
    expect(errorForStatus(503, {}, {}, write).outcomeUnknown).toBe(true);
    expect(errorForStatus(503, {}, {}, read).outcomeUnknown).toBe(false);
  });

  it('429 carries Retry-After in ms, as seconds or as an HTTP date', () => {
    expect(errorForStatus(429, {}, { 'retry-after': '3' }, read).retryAfterMs).toBe(3000);
    const date = new Date(NOW + 5000).toUTCString();
    expect(errorForStatus(429, {}, { 'retry-after': date }, read).retryAfterMs).toBe(5000);
    expect(errorForStatus(429, {}, {}, read).retryAfterMs).toBeUndefined();
  });

  it('parseRetryAfter refuses junk and never goes negative', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('-1')).toBeUndefined();
    expect(parseRetryAfter('1.5')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('Mon, 23 Nov 2026 07:00:00 GMT', () => NOW)).toBe(0);
  });

  it('transport: our deadline or an axios timeout → LAPOR_TIMEOUT', () => {
    expect(errorForTransport(new Error('aborted'), true, read).code).toBe('LAPOR_TIMEOUT');
    expect(errorForTransport(axiosError('ECONNABORTED'), false, read).code).toBe('LAPOR_TIMEOUT');
    expect(errorForTransport(axiosError('ETIMEDOUT'), false, write)).toMatchObject({
      code: 'LAPOR_TIMEOUT',
      retryable: true,
      outcomeUnknown: true,
    });
  });

  it('transport: refused is "not sent" (safe to repeat, even a write); a reset is not', () => {
    expect(errorForTransport(axiosError('ECONNREFUSED'), false, write)).toMatchObject({
      code: 'LAPOR_UNAVAILABLE',
      notSent: true,
      outcomeUnknown: false,
      causeCode: 'ECONNREFUSED',
    });
    expect(errorForTransport(axiosError('ECONNRESET'), false, write)).toMatchObject({
      code: 'LAPOR_UNAVAILABLE',
      notSent: false,
      outcomeUnknown: true,
    });
  });

  it('never carries the axios error (its config holds the key, token and body)', () => {
    const cause = axiosError('ECONNRESET');
    cause.config = { headers: { Authorization: 'Bearer secret' } as never, data: '{"content":"pribadi"}' };
    const err = errorForTransport(cause, false, write);
    expect(err.cause).toBeUndefined();
    expect(JSON.stringify(err)).not.toMatch(/secret|pribadi/);
  });

  it('mapping errors are permanent LaporErrors with the reason', () => {
    const err = new LaporMappingError('updated_at: expected a time', '42');
    expect(err).toBeInstanceOf(LaporError);
    expect(err).toMatchObject({ code: 'LAPOR_MAPPING_FAILED', retryable: false, laporId: '42' });
  });
});

describe('LAPOR! envelope', () => {
  it('returns results of { success: true, results }', () => {
    expect(resultsOf({ success: true, results: { data: [] } }, read)).toEqual({ data: [] });
  });

  it.each([
    ['a string (HTML page)', '<html></html>'],
    ['no success', { results: {} }],
    ['no results', { success: true }],
    ['success false', { success: false, message: 'Gagal' }],
  ])('refuses %s as LAPOR_BAD_RESPONSE', (_what, body) => {
    expect(() => resultsOf(body, read)).toThrow(expect.objectContaining({ code: 'LAPOR_BAD_RESPONSE' }));
  });

  it('success:false on a write says it did not land; an unreadable answer does not', () => {
    const err = (body: unknown) => {
      try {
        resultsOf(body, write);
      } catch (e) {
        return e as LaporError;
      }
      throw new Error('expected an error');
    };
    expect(err({ success: false, message: 'Gagal' })).toMatchObject({
      outcomeUnknown: false,
      laporMessage: 'Gagal',
    });
    expect(err('<html>')).toMatchObject({ outcomeUnknown: true });
  });

  it('lists need data[] and next_page_url (null at the end)', () => {
    expect(listOf({ data: [1], next_page_url: null }, read)).toEqual({ data: [1], nextPageUrl: null });
    expect(listOf({ data: [], next_page_url: 'http://x/?page=2' }, read).nextPageUrl).toBe(
      'http://x/?page=2',
    );
    expect(() => listOf({ data: {}, next_page_url: null }, read)).toThrow(/results\.data/);
    expect(() => listOf({ data: [] }, read)).toThrow(/next_page_url/);
  });
});
