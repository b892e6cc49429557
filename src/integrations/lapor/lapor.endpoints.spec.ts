import { fillPath, followUpBody, LAPOR_ENDPOINTS, notOurAuthorityBody } from './lapor.endpoints';

describe('LAPOR! endpoints', () => {
  it('fills the complaint id, URL-encoded', () => {
    expect(fillPath(LAPOR_ENDPOINTS.complaintDetail.path, '2600001')).toBe('/complaints/2600001/complaint');
    expect(fillPath(LAPOR_ENDPOINTS.followUps.path, ' a/b?c ')).toBe('/complaints/a%2Fb%3Fc/followups');
    expect(fillPath(LAPOR_ENDPOINTS.inbox.path)).toBe('/complaints/inbox');
  });

  it('refuses an empty id rather than calling /complaints//complaint', () => {
    expect(() => fillPath(LAPOR_ENDPOINTS.complaintDetail.path, '')).toThrow(RangeError);
    expect(() => fillPath(LAPOR_ENDPOINTS.complaintDetail.path, '  ')).toThrow(RangeError);
  });

  it('builds the write bodies with the field names of public integrations', () => {
    expect(
      followUpBody({
        complaintId: '1',
        institutionFromId: '1001',
        institutionToId: '1001',
        content: 'Jawaban',
        templateCode: null,
        isSecret: true,
      }),
    ).toEqual({
      complaint_id: '1',
      institution_from_id: '1001',
      institution_to_id: '1001',
      content: 'Jawaban',
      template_code: null,
      is_secret: 1,
    });
    expect(notOurAuthorityBody({ targetInstitutionId: '1002', reason: 'Kewenangan Imigrasi' })).toEqual({
      is_request: 1,
      not_authority: 1,
      reason: '1002',
      reason_description: 'Kewenangan Imigrasi',
    });
  });
});
