import { normalize } from '../gazetteer/normalize';

export type Priority = 'urgent' | 'high' | 'normal';

/** SPEC.md "Routing": citizen-protection emergencies are urgent (matched on normalised text). */
const URGENT: RegExp[] = [
  /\b(ditahan|ditangkap|dipenjara|penjara|tahanan|detained|arrested|jail|prison|deportasi|deten[st]i)\b/,
  /\b(meninggal|wafat|tewas|jenazah|kematian|died|dead|death|deceased|almarhum|almarhumah)\b/,
  /\b(dipukul|memukul|kekerasan|disiksa|dianiaya|penganiayaan|diperkosa|pelecehan|violence|abused?|beaten|assault)\b/,
  /\b(trafficking|perdagangan orang|tppo|disekap|penyekapan|dijual|kerja paksa|forced labou?r|scam online|online scam)\b/,
  /\b(terlantar|telantar|stranded|kabur dari majikan|evakuasi|evacuat\w*)\b/,
];
/** Vulnerable reporters get high priority: elderly, disabled, pregnant, children. */
const HIGH: RegExp[] = [
  /\b(lansia|lanjut usia|manula|elderly|usia [7-9]\d|[7-9]\d tahun|is [7-9]\d)\b/,
  /\b(disabilitas|difabel|penyandang|kursi roda|tunanetra|tunarungu|disabled|disability|wheelchair)\b/,
  /\b(hamil|pregnant|kehamilan)\b/,
  /\b(anak|anak anak|bayi|balita|child|children|baby|infant|minor|di bawah umur)\b/,
];

/** The complaint's priority from its words; the first matching pattern is the evidence. */
export function classifyPriority(title: string, content: string): { priority: Priority; evidence: string[] } {
  return priorityOf(normalize(`${title} ${content}`));
}

/** The priority of the normalised title and content (RouteText.normalized). */
export function priorityOf(text: string): { priority: Priority; evidence: string[] } {
  for (const [priority, patterns] of [
    ['urgent', URGENT],
    ['high', HIGH],
  ] as const) {
    for (const p of patterns) {
      const m = p.exec(text);
      if (m) return { priority, evidence: [`"${m[0]}"`] };
    }
  }
  return { priority: 'normal', evidence: [] };
}
