import type { Messages } from './index';

/** The layout, sign-in, password and error pages. */
export const COMMON: Messages = {
  'app.name': { id: 'LAPOR! Kemlu', en: 'LAPOR! MFA' },
  'app.tagline': {
    id: 'Konsol pengaduan perwakilan RI',
    en: 'Complaint console of the Indonesian missions',
  },
  'nav.skip': { id: 'Lewati ke konten utama', en: 'Skip to main content' },
  'nav.main': { id: 'Navigasi utama', en: 'Main navigation' },
  'nav.inbox': { id: 'Kotak masuk', en: 'Inbox' },
  'nav.dashboard': { id: 'Dasbor SLA', en: 'SLA dashboard' },
  'nav.missions': { id: 'Perwakilan', en: 'Missions' },
  'nav.breaches': { id: 'Pelanggaran SLA', en: 'SLA breaches' },
  'nav.admin': { id: 'Administrasi', en: 'Administration' },
  'nav.users': { id: 'Pengguna', en: 'Users' },
  'nav.adminMissions': { id: 'Data perwakilan', en: 'Mission settings' },
  'nav.deadLetters': { id: 'Surat mati', en: 'Dead letters' },
  'nav.quarantine': { id: 'Karantina', en: 'Quarantine' },
  'nav.queues': { id: 'Antrean', en: 'Queues' },
  'nav.password': { id: 'Ganti kata sandi', en: 'Change password' },
  'nav.logout': { id: 'Keluar', en: 'Sign out' },
  'nav.language': { id: 'Bahasa', en: 'Language' },
  'nav.switchTo': { id: 'English', en: 'Bahasa Indonesia' },
  'nav.signedInAs': { id: 'Masuk sebagai {name}', en: 'Signed in as {name}' },
  'role.handler': { id: 'Petugas', en: 'Handler' },
  'role.supervisor': { id: 'Supervisor', en: 'Supervisor' },
  'role.monitor': { id: 'Pemantau', en: 'Monitor' },
  'role.admin': { id: 'Admin', en: 'Admin' },
  'role.allMissions': { id: 'semua perwakilan', en: 'all missions' },

  'login.title': { id: 'Masuk', en: 'Sign in' },
  'login.email': { id: 'Surel', en: 'E-mail' },
  'login.password': { id: 'Kata sandi', en: 'Password' },
  'login.submit': { id: 'Masuk', en: 'Sign in' },
  'login.invalid': {
    id: 'Surel atau kata sandi salah.',
    en: 'The e-mail or password is wrong.',
  },
  'login.locked': {
    id: 'Terlalu banyak percobaan gagal. Akun dikunci sampai {until}. Coba lagi nanti atau hubungi admin.',
    en: 'Too many failed attempts. The account is locked until {until}. Try again later or ask an admin.',
  },
  'login.loggedOut': { id: 'Anda telah keluar.', en: 'You have signed out.' },
  'login.expired': {
    id: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
    en: 'Your session has ended. Please sign in again.',
  },
  'login.tokenUsers': {
    id: 'Punya token API (pemantau)? Masuk ke dasbor dengan token.',
    en: 'Have an API token (monitors)? Sign in to the dashboard with it.',
  },

  'password.title': { id: 'Ganti kata sandi', en: 'Change password' },
  'password.mustChange': {
    id: 'Kata sandi sekali pakai harus diganti sebelum melanjutkan.',
    en: 'Your one-time password must be changed before you go on.',
  },
  'password.current': { id: 'Kata sandi saat ini', en: 'Current password' },
  'password.new': { id: 'Kata sandi baru', en: 'New password' },
  'password.confirm': { id: 'Ulangi kata sandi baru', en: 'Repeat the new password' },
  'password.hint': {
    id: 'Minimal {n} karakter. Kalimat panjang lebih mudah diingat.',
    en: 'At least {n} characters. A long phrase is easier to remember.',
  },
  'password.submit': { id: 'Simpan kata sandi', en: 'Save password' },
  'password.changed': {
    id: 'Kata sandi diganti. Sesi lain akun ini telah diakhiri.',
    en: 'Password changed. Your other sessions have been ended.',
  },
  'password.mismatch': { id: 'Kedua kata sandi baru tidak sama.', en: 'The two new passwords differ.' },
  'password.wrongCurrent': { id: 'Kata sandi saat ini salah.', en: 'The current password is wrong.' },
  'password.tooShort': {
    id: 'Kata sandi baru minimal {n} karakter dan berbeda dari yang lama.',
    en: 'The new password needs at least {n} characters and must differ from the old one.',
  },

  'error.title': { id: 'Terjadi masalah', en: 'Something went wrong' },
  'error.code': { id: 'Kode', en: 'Code' },
  'error.back': { id: 'Kembali ke kotak masuk', en: 'Back to the inbox' },
  'error.CSRF_TOKEN_INVALID': {
    id: 'Formulir ini kedaluwarsa atau tidak berasal dari konsol. Muat ulang halaman dan coba lagi.',
    en: 'This form has expired or did not come from the console. Reload the page and try again.',
  },
  'error.FORBIDDEN_ROLE': {
    id: 'Peran Anda tidak boleh membuka halaman ini.',
    en: 'Your role may not open this page.',
  },
  'error.COMPLAINT_NOT_FOUND': {
    id: 'Pengaduan tidak ditemukan, atau bukan milik perwakilan Anda.',
    en: 'The complaint was not found, or it does not belong to your mission.',
  },
  'error.NOT_FOUND': { id: 'Halaman tidak ditemukan.', en: 'The page was not found.' },
  'error.INTERNAL': {
    id: 'Kesalahan di server. Sudah dicatat; coba lagi sebentar lagi.',
    en: 'A server error. It has been logged; try again shortly.',
  },

  'time.wib': { id: 'WIB', en: 'WIB' },
  'common.save': { id: 'Simpan', en: 'Save' },
  'common.cancel': { id: 'Batal', en: 'Cancel' },
  'common.none': { id: 'Tidak ada', en: 'None' },
  'common.yes': { id: 'Ya', en: 'Yes' },
  'common.no': { id: 'Tidak', en: 'No' },
  'common.filter': { id: 'Terapkan', en: 'Apply' },
  'common.reset': { id: 'Atur ulang', en: 'Reset' },
  'common.next': { id: 'Berikutnya', en: 'Next' },
  'common.first': { id: 'Halaman pertama', en: 'First page' },
  'common.all': { id: 'Semua', en: 'All' },
  'common.saved': { id: 'Tersimpan.', en: 'Saved.' },
  'common.invalid': { id: 'Periksa isian berikut:', en: 'Please check the following:' },
};
