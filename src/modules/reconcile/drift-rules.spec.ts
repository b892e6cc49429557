import type { LaporStatusMeaning, UpstreamComplaint } from '../../integrations/lapor/lapor.types';
import type { ComplaintStatus } from '../complaints/complaint.types';
import { notUpstream, statusAgrees, statusDrift } from './drift-rules';

const upstream = (
  statusCode: string,
  statusName: string,
  statusMeaning: LaporStatusMeaning | null,
): UpstreamComplaint => ({ statusCode, statusName, statusMeaning }) as UpstreamComplaint;

describe('reconciler drift rules', () => {
  it('knows which internal status agrees with what each LAPOR! status means', () => {
    const agreeing: Record<LaporStatusMeaning, ComplaintStatus[]> = {
      unverified: ['triage', 'assigned', 'acknowledged', 'awaiting_reporter', 'responded', 'resolved'],
      in_process: ['triage', 'assigned', 'acknowledged', 'awaiting_reporter', 'responded', 'resolved'],
      finished: ['closed'],
      archived: ['closed'],
      // A LAPOR! admin's rejection ends it here too (ingest closes it).
      rejected: ['closed'],
    };
    const judged: ComplaintStatus[] = [
      'triage',
      'assigned',
      'acknowledged',
      'awaiting_reporter',
      'responded',
      'resolved',
      'closed',
    ];
    for (const [meaning, ok] of Object.entries(agreeing) as [LaporStatusMeaning, ComplaintStatus[]][])
      for (const status of judged)
        expect([meaning, status, statusAgrees(status, meaning)]).toEqual([
          meaning,
          status,
          ok.includes(status),
        ]);
    // Not judged: routing pending, forwarded elsewhere, unknown LAPOR! status.
    expect(statusAgrees('received', 'finished')).toBe(true);
    expect(statusAgrees('forwarded', 'in_process')).toBe(true);
    expect(statusAgrees('assigned', null)).toBe(true);
  });

  it('reports an open complaint LAPOR! finished, to be re-read (ingest closes it)', () => {
    const d = statusDrift(
      { status: 'responded', lapor_status_code: 'process', lapor_status_name: 'Dalam Proses' },
      upstream('done', 'Selesai', 'finished'),
    );
    expect(d).toEqual({
      detail: {
        localStatus: 'responded',
        localLaporStatusCode: 'process',
        localLaporStatus: 'Dalam Proses',
        upstreamStatusCode: 'done',
        upstreamStatus: 'Selesai',
        upstreamMeaning: 'finished',
      },
      refetch: true,
    });
    // Even when the stored LAPOR! status already says so: ingest closes on a re-read.
    expect(
      statusDrift(
        { status: 'resolved', lapor_status_code: 'done', lapor_status_name: 'Selesai' },
        upstream('done', 'Selesai', 'finished'),
      )?.refetch,
    ).toBe(true);
  });

  it('reports a stored LAPOR! status that is behind, to be re-read, even when the statuses agree', () => {
    const d = statusDrift(
      { status: 'assigned', lapor_status_code: 'unverified', lapor_status_name: 'Belum Terverifikasi' },
      upstream('process', 'Dalam Proses', 'in_process'),
    );
    expect(d?.refetch).toBe(true);
  });

  it('reports an open complaint LAPOR! rejected, to be re-read (ingest closes it too)', () => {
    expect(
      statusDrift(
        { status: 'acknowledged', lapor_status_code: 'rejected', lapor_status_name: 'Ditolak' },
        upstream('rejected', 'Ditolak', 'rejected'),
      ),
    ).toMatchObject({ refetch: true });
  });

  it('reports a closed complaint LAPOR! shows in process again, with no re-read: ingest reopens nothing', () => {
    expect(
      statusDrift(
        { status: 'closed', lapor_status_code: 'process', lapor_status_name: 'Dalam Proses' },
        upstream('process', 'Dalam Proses', 'in_process'),
      ),
    ).toMatchObject({ refetch: false });
  });

  it('finds nothing when the copy agrees', () => {
    expect(
      statusDrift(
        { status: 'closed', lapor_status_code: 'done', lapor_status_name: 'Selesai' },
        upstream('done', 'Selesai', 'finished'),
      ),
    ).toBeNull();
    expect(
      statusDrift(
        { status: 'resolved', lapor_status_code: 'process', lapor_status_name: 'Dalam Proses' },
        upstream('process', 'Dalam Proses', 'in_process'),
      ),
    ).toBeNull();
  });

  it('finds the items whose marker is in no upstream follow-up', () => {
    const items = [{ marker: 'lb-00000000000000aa' }, { marker: 'lb-00000000000000bb' }];
    expect(
      notUpstream(items, [
        { content: 'Jawaban kami.\n\n[Ref: lb-00000000000000aa]' },
        { content: 'balasan' },
      ]),
    ).toEqual([{ marker: 'lb-00000000000000bb' }]);
    expect(notUpstream(items, [])).toEqual(items);
  });
});
