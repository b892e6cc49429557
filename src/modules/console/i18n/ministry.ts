import type { Messages } from './index';

/** The ministry pages (missions, breaches) and the admin pages. */
export const MINISTRY: Messages = {
  // Shared by the ministry pages.
  'ministry.filters': { id: 'Saring', en: 'Filter' },
  'ministry.pages': { id: 'Halaman', en: 'Pages' },
  'ministry.mission': { id: 'Perwakilan', en: 'Mission' },
  'ministry.region': { id: 'Kawasan', en: 'Region' },
  'ministry.received': { id: 'Diterima', en: 'Received' },
  'ministry.open': { id: 'Belum selesai', en: 'Open' },
  'ministry.breachesOpen': { id: 'Pelanggaran SLA aktif', en: 'Open SLA breaches' },
  'ministry.withinSla': { id: 'Tepat waktu (SLA)', en: 'Within SLA' },
  'ministry.avgFollowUp': {
    id: 'Rata-rata tindak lanjut (hari)',
    en: 'Average follow-up (days)',
  },
  'ministry.complaint': { id: 'Pengaduan', en: 'Complaint' },
  'ministry.clock': { id: 'Tenggat', en: 'Clock' },
  'ministry.due': { id: 'Batas waktu', en: 'Due' },
  'ministry.overdueBy': { id: 'Terlambat', en: 'Overdue by' },
  'ministry.status': { id: 'Status', en: 'Status' },
  'ministry.cycle': { id: 'siklus ke-{n}', en: 'cycle {n}' },
  'ministry.escalated': { id: 'Eskalasi {n}', en: 'Escalated {n}' },
  'ministry.clock.acknowledgement': { id: 'Konfirmasi penerimaan', en: 'Acknowledgement' },
  'ministry.clock.first_follow_up': { id: 'Tindak lanjut pertama', en: 'First follow-up' },
  'ministry.clock.completion': { id: 'Penyelesaian', en: 'Completion' },
  'ministry.priority.high': { id: 'Tinggi', en: 'High' },
  'ministry.priority.urgent': { id: 'Mendesak', en: 'Urgent' },
  'ministry.status.received': { id: 'Diterima', en: 'Received' },
  'ministry.status.triage': { id: 'Perlu dipilah', en: 'Triage' },
  'ministry.status.assigned': { id: 'Didisposisikan', en: 'Assigned' },
  'ministry.status.acknowledged': { id: 'Dikonfirmasi', en: 'Acknowledged' },
  'ministry.status.awaiting_reporter': { id: 'Menunggu pelapor', en: 'Awaiting the reporter' },
  'ministry.status.responded': { id: 'Sudah ditanggapi', en: 'Responded' },
  'ministry.status.resolved': { id: 'Selesai', en: 'Resolved' },
  'ministry.status.closed': { id: 'Ditutup', en: 'Closed' },
  'ministry.status.forwarded': { id: 'Diteruskan', en: 'Forwarded' },

  // The missions' figures.
  'ministry.missions.title': { id: 'Kinerja perwakilan', en: 'Missions' },
  'ministry.missions.intro': {
    id: 'Angka tiap perwakilan dari laporan KPI: pengaduan yang belum selesai, pelanggaran SLA yang masih terbuka, persentase tindak lanjut pertama tepat waktu, dan rata-rata hari sampai tindak lanjut pertama. Pilih perwakilan untuk membuka kotak masuknya.',
    en: 'Each mission’s figures from the KPI report: open complaints, open SLA breaches, the share of first follow-ups within the SLA, and the average days to the first follow-up. Choose a mission to open its inbox.',
  },
  'ministry.missions.total': { id: 'Seluruh perwakilan', en: 'All missions' },
  'ministry.missions.totalRegion': { id: 'Kawasan {region}', en: 'Region {region}' },
  'ministry.missions.asOf': { id: 'Per {at}', en: 'As of {at}' },
  'ministry.missions.caption': { id: '{n} perwakilan', en: '{n} missions' },

  // The breach list.
  'ministry.breaches.title': { id: 'Pelanggaran SLA', en: 'SLA breaches' },
  'ministry.breaches.intro': {
    id: 'Tenggat yang terlewati dan belum dipenuhi, dari yang terlama. Waktu ditampilkan dalam waktu setempat perwakilan dan WIB.',
    en: 'Clocks past due and not yet met, oldest first. Times are shown in the mission’s local time and WIB.',
  },
  'ministry.breaches.introScoped': {
    id: 'Tenggat perwakilan Anda yang terlewati dan belum dipenuhi, dari yang terlama. Waktu ditampilkan dalam waktu setempat dan WIB.',
    en: 'Your mission’s clocks past due and not yet met, oldest first. Times are shown in local time and WIB.',
  },
  'ministry.breaches.none': {
    id: 'Tidak ada pelanggaran SLA yang terbuka.',
    en: 'There are no open SLA breaches.',
  },

  // Users.
  'admin.users.title': { id: 'Pengguna konsol', en: 'Console users' },
  'admin.users.caption': { id: '{n} akun', en: '{n} accounts' },
  'admin.users.state': { id: 'Keadaan', en: 'State' },
  'admin.users.lastLogin': { id: 'Terakhir masuk', en: 'Last sign-in' },
  'admin.users.never': { id: 'Belum pernah', en: 'Never' },
  'admin.users.actions': { id: 'Tindakan', en: 'Actions' },
  'admin.users.active': { id: 'Aktif', en: 'Active' },
  'admin.users.disabled': { id: 'Dinonaktifkan', en: 'Disabled' },
  'admin.users.locked': { id: 'Terkunci', en: 'Locked' },
  'admin.users.mustChange': { id: 'Sandi sekali pakai', en: 'One-time password' },
  'admin.users.reset': { id: 'Atur ulang sandi', en: 'Reset password' },
  'admin.users.resetFor': { id: 'Atur ulang kata sandi {email}', en: 'Reset the password of {email}' },
  'admin.users.resetConfirm': {
    id: 'Atur ulang kata sandi {email}? Semua sesinya akan diakhiri.',
    en: 'Reset the password of {email}? All their sessions will end.',
  },
  'admin.users.unlock': { id: 'Buka kunci', en: 'Unlock' },
  'admin.users.unlockFor': { id: 'Buka kunci akun {email}', en: 'Unlock {email}' },
  'admin.users.disable': { id: 'Nonaktifkan', en: 'Disable' },
  'admin.users.disableFor': { id: 'Nonaktifkan akun {email}', en: 'Disable {email}' },
  'admin.users.disableConfirm': {
    id: 'Nonaktifkan akun {email}? Semua sesinya langsung diakhiri.',
    en: 'Disable {email}? All their sessions end at once.',
  },
  'admin.users.enable': { id: 'Aktifkan kembali', en: 'Enable' },
  'admin.users.enableFor': { id: 'Aktifkan kembali akun {email}', en: 'Enable {email}' },
  'admin.users.create': { id: 'Tambah pengguna', en: 'Add a user' },
  'admin.users.createHint': {
    id: 'Pengguna baru mendapat kata sandi sekali pakai yang ditampilkan satu kali setelah disimpan; sampaikan melalui saluran resmi. Kata sandi itu harus diganti saat pertama masuk.',
    en: 'The new user gets a one-time password, shown once after saving; pass it on through an official channel. It must be changed at the first sign-in.',
  },
  'admin.users.createSubmit': { id: 'Buat akun', en: 'Create the account' },
  'admin.users.noMission': { id: '— tanpa perwakilan —', en: '— no mission —' },
  'admin.users.missionHint': {
    id: 'Wajib untuk petugas dan supervisor; kosongkan untuk pemantau dan admin.',
    en: 'Required for handlers and supervisors; leave empty for monitors and admins.',
  },
  'admin.user.email': { id: 'Surel', en: 'E-mail' },
  'admin.user.displayName': { id: 'Nama tampilan', en: 'Display name' },
  'admin.user.role': { id: 'Peran', en: 'Role' },
  'admin.user.missionCode': { id: 'Perwakilan', en: 'Mission' },
  'admin.user.mission': { id: 'Perwakilan', en: 'Mission' },
  'admin.user.locale': { id: 'Bahasa', en: 'Language' },
  'admin.user.password': { id: 'Kata sandi', en: 'Password' },
  'admin.user.err.email': { id: 'harus berupa alamat surel yang sah.', en: 'must be an e-mail address.' },
  'admin.user.err.role': { id: 'pilih salah satu peran.', en: 'choose one of the roles.' },
  'admin.user.err.mission.required': {
    id: 'petugas dan supervisor harus terdaftar pada satu perwakilan.',
    en: 'handlers and supervisors belong to one mission: choose it.',
  },
  'admin.user.err.mission.forbidden': {
    id: 'pemantau dan admin melihat semua perwakilan; kosongkan pilihan perwakilan.',
    en: 'monitors and admins see every mission: leave the mission empty.',
  },
  'admin.user.err.mission.unknown': {
    id: 'perwakilan tersebut tidak ditemukan.',
    en: 'there is no such mission.',
  },
  'admin.user.err.locale': {
    id: 'pilih Bahasa Indonesia atau English.',
    en: 'choose Indonesian or English.',
  },
  'admin.user.err.displayName': { id: 'paling banyak 120 karakter.', en: 'at most 120 characters.' },

  // The one-time password, shown once.
  'admin.secret.title.created': { id: 'Akun dibuat', en: 'Account created' },
  'admin.secret.title.reset': { id: 'Kata sandi diatur ulang', en: 'Password reset' },
  'admin.secret.done.created': {
    id: 'Akun {email} telah dibuat.',
    en: 'The account {email} has been created.',
  },
  'admin.secret.done.reset': {
    id: 'Kata sandi {email} telah diatur ulang dan semua sesinya diakhiri.',
    en: 'The password of {email} has been reset and all their sessions ended.',
  },
  'admin.secret.intro': {
    id: 'Kata sandi sekali pakai (harus diganti saat masuk):',
    en: 'One-time password (to be changed at sign-in):',
  },
  'admin.secret.once': {
    id: 'Kata sandi ini hanya ditampilkan sekali dan tidak disimpan dalam bentuk terbaca. Catat sekarang dan sampaikan langsung kepada penggunanya.',
    en: 'This password is shown only once and is not stored readably. Note it now and give it to the user directly.',
  },
  'admin.secret.back': { id: 'Kembali ke daftar pengguna', en: 'Back to the users' },

  // Missions' settings and closures.
  'admin.missions.title': { id: 'Data perwakilan', en: 'Mission settings' },
  'admin.missions.intro': {
    id: 'Jam layanan, zona waktu, akhir pekan, ID instansi LAPOR! dan hari tutup kantor tiap perwakilan. Perubahan di sini tidak tertimpa oleh pemuatan data awal.',
    en: 'Office hours, time zone, weekend, LAPOR! institution id and closures of each mission. Changes made here are kept when the directory is seeded again.',
  },
  'admin.missions.back': { id: '← Semua perwakilan', en: '← All missions' },
  'admin.mission.edit': { id: 'Ubah data', en: 'Edit' },
  'admin.mission.name': { id: 'Nama', en: 'Name' },
  'admin.mission.type': { id: 'Jenis', en: 'Type' },
  'admin.mission.hours': { id: 'Jam layanan', en: 'Office hours' },
  'admin.mission.officeHours': { id: 'Jam layanan', en: 'Office hours' },
  'admin.mission.officeHours.open': { id: 'Buka (waktu setempat)', en: 'Opens (local time)' },
  'admin.mission.officeHours.close': { id: 'Tutup (waktu setempat)', en: 'Closes (local time)' },
  'admin.mission.timezone': { id: 'Zona waktu', en: 'Time zone' },
  'admin.mission.timezoneHint': {
    id: 'Nama zona IANA, misalnya Asia/Tokyo.',
    en: 'An IANA zone name, such as Asia/Tokyo.',
  },
  'admin.mission.weekendDays': { id: 'Hari libur akhir pekan', en: 'Weekend days' },
  'admin.mission.laporInstitutionId': { id: 'ID instansi LAPOR!', en: 'LAPOR! institution id' },
  'admin.mission.laporInstitutionIdHint': {
    id: 'ID yang dipakai LAPOR! untuk perwakilan ini (aturan perutean 1). Kosongkan untuk menghapus.',
    en: 'The id LAPOR! uses for this mission (routing rule 1). Leave empty to clear it.',
  },
  'admin.mission.notes': { id: 'Catatan', en: 'Notes' },
  'admin.mission.edited': {
    id: 'Kolom yang pernah diubah admin: {fields}',
    en: 'Fields changed by an admin: {fields}',
  },
  'admin.mission.err.name': { id: 'antara 2 dan 200 karakter.', en: 'between 2 and 200 characters.' },
  'admin.mission.err.laporInstitutionId': {
    id: 'hanya huruf, angka, titik, tanda hubung dan garis bawah, paling banyak 64 karakter.',
    en: 'letters, digits, dot, dash and underscore only, at most 64 characters.',
  },
  'admin.mission.err.officeHours.open': {
    id: 'tulis jam dengan format JJ:MM.',
    en: 'write the time as HH:MM.',
  },
  'admin.mission.err.officeHours.close': {
    id: 'tulis jam dengan format JJ:MM.',
    en: 'write the time as HH:MM.',
  },
  'admin.mission.err.officeHours.close.order': {
    id: 'harus lebih lambat dari jam buka.',
    en: 'must be later than the opening time.',
  },
  'admin.mission.err.timezone': {
    id: 'harus nama zona IANA, misalnya Asia/Tokyo.',
    en: 'must be an IANA time zone, such as Asia/Tokyo.',
  },
  'admin.mission.err.weekendDays': {
    id: 'pilih paling banyak tiga hari.',
    en: 'choose at most three days.',
  },
  'admin.mission.err.notes': { id: 'paling banyak 2000 karakter.', en: 'at most 2000 characters.' },
  'admin.weekday.1': { id: 'Senin', en: 'Monday' },
  'admin.weekday.2': { id: 'Selasa', en: 'Tuesday' },
  'admin.weekday.3': { id: 'Rabu', en: 'Wednesday' },
  'admin.weekday.4': { id: 'Kamis', en: 'Thursday' },
  'admin.weekday.5': { id: 'Jumat', en: 'Friday' },
  'admin.weekday.6': { id: 'Sabtu', en: 'Saturday' },
  'admin.weekday.7': { id: 'Minggu', en: 'Sunday' },
  'admin.closures.title': { id: 'Hari tutup kantor', en: 'Closures' },
  'admin.closures.intro': {
    id: 'Hari kantor perwakilan tutup di luar libur nasional dan libur setempat. Tenggat SLA perwakilan tidak berjalan pada hari tersebut.',
    en: 'Days the mission is closed besides national and host-country holidays. The mission’s SLA clocks do not run on them.',
  },
  'admin.closures.none': { id: 'Belum ada hari tutup.', en: 'No closures yet.' },
  'admin.closures.workday': { id: 'Hari kerja pengganti', en: 'Workday' },
  'admin.closures.delete': { id: 'Hapus', en: 'Delete' },
  'admin.closures.deleteFor': { id: 'Hapus hari tutup {date}', en: 'Delete the closure on {date}' },
  'admin.closures.deleteConfirm': { id: 'Hapus hari tutup {date}?', en: 'Delete the closure on {date}?' },
  'admin.closures.add': { id: 'Tambah hari tutup', en: 'Add a closure' },
  'admin.closures.addSubmit': { id: 'Tambahkan', en: 'Add' },
  'admin.closure.date': { id: 'Tanggal', en: 'Date' },
  'admin.closure.name': { id: 'Keterangan', en: 'Note' },
  'admin.closure.err.date': { id: 'isi tanggal yang sah.', en: 'give a valid date.' },
  'admin.closure.err.name': { id: 'isi keterangan (1–200 karakter).', en: 'give a note (1–200 characters).' },

  // Dead letters and quarantine.
  'admin.dead.title': { id: 'Surat mati', en: 'Dead letters' },
  'admin.dead.intro': {
    id: 'Kiriman ke LAPOR! yang gagal permanen. Kirim ulang setelah penyebabnya diatasi; kiriman berikutnya untuk pengaduan yang sama menunggu di belakangnya.',
    en: 'Items that LAPOR! refused for good. Retry once the cause is fixed; later items of the same complaint wait behind them.',
  },
  'admin.dead.showAll': { id: 'Tampilkan juga yang sudah dikirim ulang', en: 'Show retried ones too' },
  'admin.dead.openOnly': { id: 'Hanya yang belum dikirim ulang', en: 'Only those not retried' },
  'admin.dead.none': { id: 'Tidak ada surat mati.', en: 'No dead letters.' },
  'admin.dead.at': { id: 'Waktu', en: 'When' },
  'admin.dead.complaint': { id: 'Pengaduan', en: 'Complaint' },
  'admin.dead.item': { id: 'Kiriman', en: 'Item' },
  'admin.dead.reason': { id: 'Penyebab', en: 'Reason' },
  'admin.dead.attempts': { id: 'Percobaan', en: 'Attempts' },
  'admin.dead.action': { id: 'Tindakan', en: 'Action' },
  'admin.dead.retry': { id: 'Kirim ulang', en: 'Retry' },
  'admin.dead.retried': { id: 'Dikirim ulang {at}', en: 'Retried {at}' },
  'admin.quarantine.title': { id: 'Karantina', en: 'Quarantine' },
  'admin.quarantine.intro': {
    id: 'Pengaduan yang membawa kode LAPOR! yang belum dikenal bridge (config/lapor-codes.json).',
    en: 'Complaints carrying LAPOR! codes the bridge does not know (config/lapor-codes.json).',
  },
  'admin.quarantine.none': { id: 'Tidak ada pengaduan dalam karantina.', en: 'No quarantined complaints.' },
  'admin.quarantine.laporId': { id: 'ID LAPOR!', en: 'LAPOR! id' },
  'admin.quarantine.reason': { id: 'Penyebab', en: 'Reason' },
  'admin.quarantine.at': { id: 'Dikarantina', en: 'Quarantined' },

  // Flashes after an admin action (?done=…).
  'flash.userDisabled': {
    id: 'Akun dinonaktifkan dan semua sesinya diakhiri.',
    en: 'The account is disabled and all its sessions ended.',
  },
  'flash.userEnabled': { id: 'Akun diaktifkan kembali.', en: 'The account is enabled again.' },
  'flash.userUnlocked': { id: 'Kunci akun dibuka.', en: 'The account is unlocked.' },
  'flash.missionSaved': { id: 'Data perwakilan disimpan.', en: 'The mission’s settings are saved.' },
  'flash.closureAdded': { id: 'Hari tutup ditambahkan.', en: 'The closure is added.' },
  'flash.closureDeleted': { id: 'Hari tutup dihapus.', en: 'The closure is deleted.' },
  'flash.deadLetterRetried': {
    id: 'Surat mati dikirim ulang ke LAPOR!.',
    en: 'The dead letter is being sent to LAPOR! again.',
  },

  // Error pages of these pages' codes.
  'error.USER_NOT_FOUND': { id: 'Pengguna tidak ditemukan.', en: 'The user was not found.' },
  'error.USER_EMAIL_TAKEN': {
    id: 'sudah ada pengguna dengan surel ini.',
    en: 'a user with this e-mail already exists.',
  },
  'error.USER_DISABLE_SELF': {
    id: 'Admin tidak dapat menonaktifkan akunnya sendiri.',
    en: 'An admin cannot disable their own account.',
  },
  'error.MISSION_NOT_FOUND': { id: 'Perwakilan tidak ditemukan.', en: 'The mission was not found.' },
  'error.MISSION_INSTITUTION_ID_TAKEN': {
    id: 'ID instansi LAPOR! ini sudah dipakai perwakilan lain.',
    en: 'this LAPOR! institution id already belongs to another mission.',
  },
  'error.HOLIDAY_EXISTS': {
    id: 'pada tanggal ini sudah ada hari tutup.',
    en: 'there already is a closure on this date.',
  },
  'error.HOLIDAY_NOT_FOUND': {
    id: 'Hari tutup tidak ditemukan atau sudah dihapus.',
    en: 'The closure was not found or is already deleted.',
  },
  'error.DEAD_LETTER_NOT_FOUND': { id: 'Surat mati tidak ditemukan.', en: 'The dead letter was not found.' },
  'error.DEAD_LETTER_ALREADY_RETRIED': {
    id: 'Surat mati ini sudah dikirim ulang.',
    en: 'This dead letter has already been retried.',
  },
};
