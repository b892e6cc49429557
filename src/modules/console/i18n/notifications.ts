import type { Messages } from './index';

/** The notifications page: what reached the user's office, with their own read state. */
export const NOTIFICATIONS: Messages = {
  'nav.notifications': { id: 'Pemberitahuan', en: 'Notifications' },
  'notifications.title': { id: 'Pemberitahuan', en: 'Notifications' },
  'notifications.intro': {
    id: 'Yang sampai ke perwakilan Anda. Tanda "dibaca" hanya berlaku untuk Anda.',
    en: 'What reached your office. Marking read applies to you only.',
  },
  'notifications.introAll': {
    id: 'Pemberitahuan semua perwakilan. Tanda "dibaca" hanya berlaku untuk Anda.',
    en: 'Every office’s notifications. Marking read applies to you only.',
  },
  'notifications.unreadCount': { id: '{n} belum dibaca', en: '{n} unread' },
  'notifications.unreadOnly': { id: 'Hanya yang belum dibaca', en: 'Unread only' },
  'notifications.none': { id: 'Tidak ada pemberitahuan.', en: 'No notifications.' },
  'notifications.markRead': { id: 'Tandai dibaca', en: 'Mark read' },
  'notifications.markAllRead': { id: 'Tandai semua dibaca', en: 'Mark all read' },
  'notifications.read': { id: 'Dibaca {at}', en: 'Read {at}' },
  'notifications.new': { id: 'Baru', en: 'New' },
  'notifications.what': { id: 'Pemberitahuan', en: 'Notification' },
  'notifications.when': { id: 'Waktu', en: 'Time' },
  'notifications.office': { id: 'Perwakilan', en: 'Office' },
  'notifications.complaint': { id: 'Pengaduan', en: 'Complaint' },
  'notifications.state': { id: 'Status', en: 'State' },
  'notifications.due': { id: 'batas waktu {at}', en: 'due {at}' },
  'notifications.limit': { id: 'batas {n}', en: 'limit {n}' },
  'notifications.digest': {
    id: '{dead} surat mati, {backlog} belum terkirim',
    en: '{dead} dead letters, {backlog} not yet sent',
  },
  'notifications.kind.complaint.assigned': {
    id: 'Pengaduan baru untuk perwakilan',
    en: 'New complaint for the office',
  },
  'notifications.kind.complaint.triage': { id: 'Pengaduan perlu dipilah', en: 'Complaint needs triage' },
  'notifications.kind.complaint.rerouted': {
    id: 'Pengaduan dialihkan ke perwakilan',
    en: 'Complaint re-routed to the office',
  },
  'notifications.kind.complaint.transferred': {
    id: 'Pengaduan dipindahkan ke perwakilan',
    en: 'Complaint transferred to the office',
  },
  'notifications.kind.complaint.escalated': { id: 'Pengaduan dieskalasi', en: 'Complaint escalated' },
  'notifications.kind.complaint.reporter_replied': { id: 'Pelapor membalas', en: 'The reporter replied' },
  'notifications.kind.sync.failing': {
    id: 'Tindak lanjut gagal terkirim ke LAPOR!',
    en: 'A follow-up keeps failing to reach LAPOR!',
  },
  'notifications.kind.sync.digest': { id: 'Ringkasan pengiriman harian', en: 'Daily sending digest' },
  'notifications.kind.sla.warning': { id: 'SLA: 75% batas waktu', en: 'SLA: 75% of the limit' },
  'notifications.kind.sla.breached': { id: 'SLA: batas waktu terlewati', en: 'SLA: limit passed' },
  'flash.notificationRead': { id: 'Ditandai dibaca.', en: 'Marked read.' },
  'flash.notificationsRead': { id: 'Semua ditandai dibaca.', en: 'All marked read.' },
};
