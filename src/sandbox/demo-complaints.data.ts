import {
  SANDBOX_CATEGORIES,
  SANDBOX_CLASSIFICATIONS,
  SANDBOX_INSTITUTIONS,
  SANDBOX_LOCATIONS,
  statusRef,
  type CodeName,
  type SandboxStatusCode,
} from './lapor-masters.data';
import type { AuthorType, NewComplaint } from './sandbox.types';

/**
 * Demo complaints for `npm start` without LAPOR! and for `npm run sandbox`. Fictitious people only:
 * names are invented, e-mails use example.com / example.id, phones the +62 812-0000-xxxx range.
 * Times are relative to the sandbox clock so the demo always looks recent (the last ~30 days).
 * Written the way people write to LAPOR!: informal, with missions named loosely ("KBRI di KL").
 */

interface DemoFollowup {
  /** Hours after the complaint was created. */
  afterH: number;
  by: AuthorType;
  text: string;
  template?: string;
}

interface DemoComplaint {
  title: string;
  content: string;
  daysAgo: number;
  /** Hours from creation to disposition; null: not dispositioned yet. Default 20. */
  dispositionAfterH?: number | null;
  /** Another institution than ours (by master id), e.g. a complaint LAPOR! sent to BP2MI. */
  dispositionTo?: string;
  classification?: '1' | '2' | '3';
  category?: '610' | '611' | '612' | '613' | '614';
  /** Location master id; null: none given. Default 34 (Nasional). */
  location?: string | null;
  /** [name, email, phone] */
  reporter?: [string, string | null, string | null];
  anonymous?: boolean;
  secret?: boolean;
  status?: SandboxStatusCode;
  followups?: DemoFollowup[];
}

const DEMO: DemoComplaint[] = [
  {
    title: 'Perpanjangan paspor di KBRI KL sudah 5 minggu belum jadi',
    content:
      'Assalamualaikum. Saya perpanjang paspor di KBRI di Kuala Lumpur tgl 2 bulan lalu, dijanjikan 2 minggu. Sudah 5 minggu blm ada kabar, ditelpon tidak diangkat. Permit kerja saya mau mati bulan depan, mohon dibantu.',
    daysAgo: 28,
    reporter: ['Rina Contoh', 'rina.contoh@example.com', '+62 812-0000-0101'],
    followups: [
      {
        afterH: 30,
        by: 'institution',
        template: 'TL-PROSES',
        text: 'Terima kasih, laporan sedang kami koordinasikan dengan KBRI Kuala Lumpur.',
      },
      { afterH: 60, by: 'reporter', text: 'Sudah seminggu belum ada kabar lagi pak.' },
    ],
  },
  {
    title: 'Paspor hilang di Osaka, butuh SPLP segera',
    content:
      'Tas saya dicuri di stasiun Namba, paspor ikut hilang. Tiket pulang ke Surabaya 4 hari lagi. Sudah lapor polisi (koban). Bagaimana cara bikin SPLP di KJRI Osaka, harus bawa apa saja?',
    daysAgo: 3,
    classification: '3',
    reporter: ['Agus Percontohan', 'agus.p@example.id', '+62 812-0000-0102'],
  },
  {
    title: 'Gaji kakak saya 7 bulan tidak dibayar, paspor ditahan majikan di Arab Saudi',
    content:
      'Kakak saya PMI sektor rumah tangga di Riyadh sejak 2023. Sudah 7 bulan gaji tidak dibayar dan paspornya dipegang majikan. Dia hanya bisa WA malam hari diam2. Mohon KBRI Riyadh bisa bantu jemput. Kami keluarga di Lombok Timur.',
    daysAgo: 25,
    category: '612',
    location: '22',
    reporter: ['Siti Fiktif', 'siti.fiktif@example.com', '+62 812-0000-0103'],
    followups: [
      {
        afterH: 26,
        by: 'institution',
        template: 'TL-MINTA-DATA',
        text: 'Mohon kirimkan nama lengkap sesuai paspor, nama dan alamat majikan, serta nomor WA kakak Saudari.',
      },
      {
        afterH: 40,
        by: 'reporter',
        text: 'Nama sesuai paspor SITI FIKTIF BINTI CONTOH, majikan di daerah Al Malaz. Nomor WA sudah saya kirim ke hotline.',
      },
    ],
  },
  {
    title: 'ABK kapal ikan Taiwan tidak digaji dan sering dipukul',
    content:
      'Saya ABK di kapal longline yang sandar di Kaohsiung. Sudah 9 bulan gaji cuma dibayar 2 bulan, kapten sering mukul. HP disita. Teman2 ada 6 orang WNI di kapal yang sama. Tolong KDEI Taipei.',
    daysAgo: 21,
    category: '611',
    reporter: ['Joko Sampel', null, '+62 812-0000-0104'],
  },
  {
    title: 'URGENT: adik saya ditahan di depot imigrasi Tawau',
    content:
      'Adik saya ditangkap razia di ladang sawit dekat Tawau Sabah krn permit habis, sekarang di depot imigrasi. Dia sakit asma dan obatnya habis. Mohon KRI Tawau segera kunjungi, keluarga sangat khawatir.',
    daysAgo: 2,
    dispositionAfterH: 3,
    category: '611',
    location: '15',
    reporter: ['Yusuf Rekaan', 'yusuf.rekaan@example.com', '+62 812-0000-0105'],
  },
  {
    title: 'Suami meninggal di Jeddah, jenazah belum bisa dipulangkan',
    content:
      'Suami saya meninggal di rumah sakit di Jeddah 5 hari lalu. Sampai sekarang jenazah belum bisa dipulangkan karena urusan dokumen dan biaya. Kami tidak tahu harus menghubungi siapa di KJRI Jeddah. Mohon bantuan secepatnya.',
    daysAgo: 4,
    dispositionAfterH: 2,
    category: '611',
    reporter: ['Nur Andaian', 'nur.andaian@example.id', '+62 812-0000-0106'],
    followups: [
      {
        afterH: 5,
        by: 'institution',
        text: 'Turut berduka cita. KJRI Jeddah akan menghubungi Ibu hari ini melalui nomor yang tercantum.',
      },
    ],
  },
  {
    title: 'Visa application at the Indonesian consulate in Houston: no answer for 6 weeks',
    content:
      'I applied for a social-cultural visa through the konjen Houston in early September. The e-visa portal still shows "in review" and nobody answers the email. My flight to Bali is in 10 days. Please advise.',
    daysAgo: 19,
    category: '614',
    reporter: ['Jane Example', 'jane.example@example.com', '+1 555-0100'],
  },
  {
    title: 'Aplikasi legalisasi dokumen online error terus',
    content:
      'Sudah 3 hari coba ajukan legalisasi ijazah untuk kerja di luar negeri lewat aplikasi legalisasi online, setiap upload dokumen muncul error dan harus ulang dari awal. Antrian di loket juga penuh sampai minggu depan.',
    daysAgo: 12,
    location: null,
    reporter: ['Dimas Contoh', 'dimas.contoh@example.com', '+62 812-0000-0108'],
  },
  {
    title: 'Lapor kelahiran anak di Den Haag, syarat tidak jelas',
    content:
      'Anak saya lahir di Rotterdam bulan lalu. Di website KBRI Den Haag syarat pencatatan kelahiran beda dengan yang disampaikan petugas di telepon. Mana yang benar? Apakah akta dari gemeente perlu dilegalisir dulu?',
    daysAgo: 17,
    classification: '3',
    category: '613',
    reporter: ['Maya Ilustrasi', 'maya.ilustrasi@example.com', '+31 6 0000 0109'],
    followups: [
      {
        afterH: 44,
        by: 'institution',
        template: 'TL-INFO',
        text: 'Syarat yang berlaku adalah yang tercantum di laman resmi KBRI Den Haag; akta kelahiran setempat perlu apostille.',
      },
    ],
    status: 'done',
  },
  {
    title: 'Pencatatan nikah di KBRI Tokyo minta syarat yang aneh',
    content:
      'Mau lapor pernikahan yang sudah dicatat di kuyakusho. Petugas minta surat dari kelurahan di Indonesia yang harus diurus langsung, padahal saya sudah 6 tahun di Jepang. Apa benar begitu aturannya?',
    daysAgo: 15,
    category: '613',
    reporter: ['Rudi Sampel', 'rudi.sampel@example.id', null],
  },
  {
    title: 'Peduli WNI tidak bisa login, OTP tidak pernah masuk',
    content:
      'Mau lapor diri di portal Peduli WNI tapi kode OTP ke email tidak pernah masuk, sudah coba 3 email berbeda. Saya perlu bukti lapor diri untuk urusan kampus.',
    daysAgo: 9,
    location: null,
    reporter: ['Putri Fiktif', 'putri.fiktif@example.com', '+62 812-0000-0111'],
  },
  {
    title: 'Antrian KJRI Hong Kong hari Minggu sangat panjang',
    content:
      'Kami PMI cuma libur hari Minggu. Antri dari jam 6 pagi di KJRI Hong Kong, jam 3 sore nomor dihentikan. Sudah 3 Minggu berturut2 saya tidak kebagian. Tolong tambah kuota atau buka online.',
    daysAgo: 11,
    category: '612',
    reporter: ['Wati Contoh', 'wati.contoh@example.com', '+852 0000 0112'],
  },
  {
    title: 'Ada calo di depan KBRI minta 500 ringgit supaya paspor cepat',
    content:
      'Di depan KBRI Kuala Lumpur ada orang yang menawarkan paspor jadi 3 hari dengan bayar RM500, katanya kenal orang dalam. Saya tidak mau sebut nama saya karena takut.',
    daysAgo: 14,
    anonymous: true,
    secret: true,
    reporter: ['Pelapor Anonim Contoh', 'anonim@example.com', '+62 812-0000-0113'],
  },
  {
    title: 'Petugas loket KJRI Johor Bahru kasar',
    content:
      'Petugas loket membentak ibu2 yang kurang lengkap berkasnya, di depan banyak orang. Tolong dibina, kami ini juga warga negara.',
    daysAgo: 8,
    reporter: ['Hendra Rekaan', 'hendra.rekaan@example.com', '+60 12-000 0114'],
  },
  {
    title: 'Elderly mother in Perth cannot travel for passport renewal',
    content:
      'My mother is 81 years old and uses a wheelchair. She lives in Perth and her Indonesian passport expires next month. Is there any home visit or mobile service by the consulate for elderly citizens? She cannot queue for hours.',
    daysAgo: 13,
    classification: '3',
    reporter: ['Linda Example', 'linda.example@example.com', '+61 400 000 115'],
  },
  {
    title: 'Hamil 7 bulan, paspor habis, takut tidak bisa pulang melahirkan',
    content:
      'Saya sedang hamil 7 bulan di Dubai dan paspor saya habis bulan ini. Saya ingin melahirkan di Indonesia. Jadwal ke KJRI Dubai paling cepat 3 minggu lagi. Apakah ada jalur prioritas untuk ibu hamil?',
    daysAgo: 6,
    reporter: ['Ayu Percontohan', 'ayu.p@example.id', '+971 50 000 0116'],
    followups: [
      {
        afterH: 20,
        by: 'institution',
        template: 'TL-PROSES',
        text: 'KJRI Dubai menyediakan layanan prioritas bagi ibu hamil; petugas akan menghubungi Ibu untuk jadwal.',
      },
    ],
  },
  {
    title: 'Mahasiswa di Kairo: paspor 2 bulan belum selesai',
    content:
      'Saya mahasiswa Al-Azhar, ajukan penggantian paspor di KBRI Kairo 2 bulan lalu. Iqamah pelajar saya tidak bisa diperpanjang tanpa paspor baru.',
    daysAgo: 24,
    reporter: ['Fajar Contoh', 'fajar.contoh@example.com', '+20 100 000 0117'],
  },
  {
    title: 'Syarat paspor anak berkewarganegaraan ganda terbatas di Singapura',
    content:
      'Anak saya lahir di Singapura, ayahnya warga Singapura. Apa syarat membuat paspor RI untuk anak di KBRI Singapura dan apakah perlu affidavit?',
    daysAgo: 5,
    classification: '3',
    category: '614',
    reporter: ['Sari Ilustrasi', 'sari.ilustrasi@example.com', '+65 8000 0118'],
  },
  {
    title: 'Usul layanan paspor hari Sabtu di KBRI Seoul',
    content:
      'Banyak pekerja EPS di Korea hanya libur hari Minggu atau Sabtu. Mohon KBRI Seoul buka layanan paspor hari Sabtu minimal 2x sebulan.',
    daysAgo: 20,
    classification: '2',
    reporter: ['Bayu Sampel', 'bayu.sampel@example.id', '+82 10-0000-0119'],
  },
  {
    title: 'Jemaah umrah terlantar di Makkah, travel tidak bisa dihubungi',
    content:
      'Rombongan kami 40 orang jemaah umrah terlantar di hotel di Makkah, tiket pulang belum dibelikan travel dan pemilik travel tidak bisa dihubungi.',
    daysAgo: 7,
    dispositionTo: '1006',
    category: '611',
    reporter: ['Haji Contoh', 'haji.contoh@example.com', '+62 812-0000-0120'],
  },
  {
    title: 'KTP-el tidak bisa direkam untuk WNI di luar negeri',
    content:
      'Saya tinggal di Belanda sejak kecil dan belum punya KTP-el. Bagaimana cara perekaman KTP-el dari luar negeri?',
    daysAgo: 1,
    dispositionAfterH: null,
    classification: '3',
    category: '613',
    location: null,
    reporter: ['Tono Fiktif', 'tono.fiktif@example.com', null],
  },
  {
    title: 'Website KBRI Berlin error saat isi formulir paspor',
    content:
      'Form online permohonan paspor di website KBRI Berlin selalu error 500 setelah upload foto. Sudah coba Chrome dan Firefox.',
    daysAgo: 10,
    reporter: ['Eka Rekaan', 'eka.rekaan@example.com', '+49 151 0000 0122'],
  },
  {
    title: 'Oknum minta uang tambahan untuk SPLP di Phnom Penh',
    content:
      'Waktu urus SPLP di Kamboja saya diminta bayar 150 dolar di luar tarif resmi, tanpa kuitansi. Banyak teman yang kabur dari perusahaan online scam juga mengalami.',
    daysAgo: 16,
    anonymous: true,
    secret: true,
    category: '611',
    reporter: ['Pelapor Rahasia Contoh', 'rahasia@example.id', '+62 812-0000-0123'],
  },
  {
    title: 'ABK terlantar di Cape Town setelah kapal ditahan',
    content:
      '12 ABK WNI tertahan di pelabuhan Cape Town, kapal ditahan otoritas Afrika Selatan. Makanan tinggal untuk 3 hari dan agen tidak bertanggung jawab.',
    daysAgo: 27,
    category: '611',
    reporter: ['Rahmat Contoh', 'rahmat.contoh@example.com', '+62 812-0000-0124'],
    status: 'done',
    followups: [
      {
        afterH: 24,
        by: 'institution',
        template: 'TL-PROSES',
        text: 'KBRI Pretoria telah berkoordinasi dengan otoritas pelabuhan dan agen kapal.',
      },
      {
        afterH: 120,
        by: 'institution',
        template: 'TL-SELESAI',
        text: 'Seluruh ABK telah menerima logistik dan dijadwalkan repatriasi pekan ini.',
      },
      { afterH: 130, by: 'admin', text: 'Laporan ditandai selesai oleh admin.' },
    ],
  },
  {
    title: 'Kehilangan paspor di New York, jadwal KJRI penuh',
    content:
      'Paspor saya hilang waktu pindah apartemen di Queens. Jadwal online KJRI New York penuh sampai 2 bulan ke depan, padahal saya harus ke Indonesia karena orang tua sakit.',
    daysAgo: 1,
    reporter: ['Indra Contoh', 'indra.contoh@example.com', '+1 555-0125'],
  },
];

const HOUR = 3_600_000;

function pick(list: readonly CodeName[], id: string): CodeName {
  const found = list.find((item) => item.id === id);
  if (!found) throw new Error(`demo data names unknown master id ${id}`);
  return found;
}

/** The demo complaints as store inputs, placed in time relative to `now`. */
export function demoComplaints(now: Date, ours: CodeName): NewComplaint[] {
  return DEMO.map((d, index) => {
    // Minutes past the hour vary by index, so the inbox order is stable and realistic.
    const createdAt = new Date(now.getTime() - d.daysAgo * 24 * HOUR - ((index * 37) % 600) * 60_000);
    const dispositionAfterH = d.dispositionAfterH === undefined ? 20 : d.dispositionAfterH;
    const disposition =
      dispositionAfterH === null
        ? null
        : d.dispositionTo
          ? pick(SANDBOX_INSTITUTIONS, d.dispositionTo)
          : ours;
    const at = (hours: number) => new Date(Math.min(createdAt.getTime() + hours * HOUR, now.getTime()));
    return {
      title: d.title,
      content: d.content,
      classification: pick(SANDBOX_CLASSIFICATIONS, d.classification ?? '1'),
      category: pick(SANDBOX_CATEGORIES, d.category ?? '610'),
      location: d.location === null ? null : pick(SANDBOX_LOCATIONS, d.location ?? '34'),
      isAnonymous: d.anonymous ?? false,
      isSecret: d.secret ?? false,
      reporter: d.reporter ? { name: d.reporter[0], email: d.reporter[1], phone: d.reporter[2] } : null,
      status: d.status ? statusRef(d.status) : undefined,
      disposition,
      dispositionedAt: dispositionAfterH === null ? null : at(dispositionAfterH),
      createdAt,
      followups: d.followups?.map((f) => ({
        authorType: f.by,
        content: f.text,
        createdAt: at(f.afterH),
        templateCode: f.template ?? null,
      })),
    };
  });
}
