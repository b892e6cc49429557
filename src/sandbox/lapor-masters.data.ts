import { SANDBOX_INSTITUTION_ID } from './sandbox.defaults';

/**
 * Master data the sandbox serves. LAPOR!'s real code lists are not public (LAPOR-API.md "The complaint
 * object"), so the codes below are the sandbox's own; only the status names are the observed ones.
 * The control API accepts codes outside these lists on purpose, so the bridge's quarantine can be tested.
 */

export interface CodeName {
  id: string;
  name: string;
}

/** Status codes with the names LAPOR! shows (LAPOR-API.md: status_code, status_name). */
export const SANDBOX_STATUSES = {
  unverified: 'Belum Terverifikasi',
  process: 'Dalam Proses',
  done: 'Selesai',
  archived: 'Diarsipkan',
  rejected: 'Ditolak',
} as const;
export type SandboxStatusCode = keyof typeof SANDBOX_STATUSES;

export const statusRef = (code: SandboxStatusCode): { code: string; name: string } => ({
  code,
  name: SANDBOX_STATUSES[code],
});

export const SANDBOX_CLASSIFICATIONS: readonly CodeName[] = [
  { id: '1', name: 'Pengaduan' },
  { id: '2', name: 'Aspirasi' },
  { id: '3', name: 'Permintaan Informasi' },
];

export const SANDBOX_CATEGORIES: readonly CodeName[] = [
  { id: '610', name: 'Pelayanan Kekonsuleran' },
  { id: '611', name: 'Pelindungan WNI dan BHI di Luar Negeri' },
  { id: '612', name: 'Pekerja Migran Indonesia' },
  { id: '613', name: 'Administrasi Kependudukan' },
  { id: '614', name: 'Keimigrasian' },
];

/** "34 = Nasional": LAPOR! has no location code for abroad (LAPOR-API.md). */
export const SANDBOX_LOCATIONS: readonly CodeName[] = [
  { id: '34', name: 'Nasional' },
  { id: '11', name: 'DKI Jakarta' },
  { id: '13', name: 'Jawa Barat' },
  { id: '15', name: 'Jawa Timur' },
  { id: '22', name: 'Nusa Tenggara Barat' },
];

/** Disposition name of a complaint LAPOR! has not dispositioned yet. */
export const NOT_DISPOSITIONED = 'Belum Terdisposisi';

export const SANDBOX_INSTITUTIONS: readonly CodeName[] = [
  { id: SANDBOX_INSTITUTION_ID, name: 'Kementerian Luar Negeri' },
  { id: '1002', name: 'Direktorat Jenderal Imigrasi, Kementerian Imigrasi dan Pemasyarakatan' },
  { id: '1003', name: 'Kementerian Pelindungan Pekerja Migran Indonesia/BP2MI' },
  { id: '1004', name: 'Kementerian Ketenagakerjaan' },
  { id: '1005', name: 'Direktorat Jenderal Kependudukan dan Pencatatan Sipil, Kementerian Dalam Negeri' },
  { id: '1006', name: 'Kementerian Agama (Penyelenggaraan Haji dan Umrah)' },
  { id: '1007', name: 'Kementerian Perhubungan (Direktorat Jenderal Perhubungan Laut)' },
  { id: '1008', name: 'Kementerian Kelautan dan Perikanan' },
  { id: '1009', name: 'Kementerian Pendidikan Tinggi, Sains, dan Teknologi' },
  { id: '1010', name: 'Kepolisian Negara Republik Indonesia' },
  { id: '1011', name: 'Kementerian Sosial' },
];

/** Name shown as the sender of follow-ups written by LAPOR!'s own administrators. */
export const LAPOR_ADMIN_NAME = 'Admin SP4N-LAPOR!';

export interface SandboxTemplate {
  template_code: string;
  title: string;
  type: string;
  content: string;
}

export const SANDBOX_TEMPLATES: readonly SandboxTemplate[] = [
  {
    template_code: 'TL-PROSES',
    title: 'Laporan sedang diproses',
    type: 'followup',
    content:
      'Terima kasih atas laporan Saudara. Laporan telah kami terima dan sedang kami koordinasikan dengan ' +
      'Perwakilan RI terkait. Kami akan menyampaikan perkembangan penanganannya melalui kanal ini.',
  },
  {
    template_code: 'TL-MINTA-DATA',
    title: 'Permintaan kelengkapan data',
    type: 'followup',
    content:
      'Untuk menindaklanjuti laporan Saudara, mohon melengkapi data berikut: nama lengkap sesuai paspor, ' +
      'nomor paspor, kota/negara domisili saat ini, dan nomor kontak yang dapat dihubungi.',
  },
  {
    template_code: 'TL-SELESAI',
    title: 'Laporan selesai ditindaklanjuti',
    type: 'finish',
    content:
      'Laporan Saudara telah selesai ditindaklanjuti oleh Perwakilan RI. Apabila masih terdapat kendala, ' +
      'Saudara dapat menanggapi tindak lanjut ini dalam 10 hari kerja.',
  },
  {
    template_code: 'TL-INFO',
    title: 'Jawaban permintaan informasi',
    type: 'followup',
    content:
      'Informasi mengenai persyaratan layanan kekonsuleran dapat diakses melalui laman resmi Perwakilan RI ' +
      'dan portal Peduli WNI. Untuk pertanyaan lebih lanjut silakan menghubungi hotline Perwakilan RI.',
  },
  {
    template_code: 'TL-BUKAN-WEWENANG',
    title: 'Bukan kewenangan Kementerian Luar Negeri',
    type: 'reject',
    content:
      'Substansi laporan Saudara bukan merupakan kewenangan Kementerian Luar Negeri. Laporan kami teruskan ' +
      'kepada instansi yang berwenang.',
  },
];
