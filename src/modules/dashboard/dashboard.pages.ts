/**
 * The few pages rendered on the server: the sign-in form and the refusals. Their only variable
 * text comes from the fixed messages below, and is escaped anyway. No inline script or style:
 * the CSP (helmet, http-app.ts) allows scripts and styles from this origin only.
 */

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A message in Bahasa Indonesia with its English translation in small print. */
export interface Message {
  id: string;
  en: string;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — lapor-bridge</title>
<link rel="icon" type="image/svg+xml" href="/dashboard/assets/favicon.svg">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>
<body class="narrow">
<main class="card">
${body}
</main>
</body>
</html>
`;
}

const bilingual = (m: Message) => `${escapeHtml(m.id)} <small lang="en">${escapeHtml(m.en)}</small>`;

export const MESSAGES = {
  badToken: {
    id: 'Token tidak dikenal, sudah dicabut atau kedaluwarsa.',
    en: 'The token is unknown, revoked or expired.',
  },
  forbiddenRole: {
    id: 'Dasbor hanya untuk peran monitor, admin dan supervisor.',
    en: 'The dashboard is for monitors, admins and supervisors only.',
  },
  csrf: {
    id: 'Formulir kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang dan coba lagi.',
    en: 'The form has expired or did not come from this page. Reload and try again.',
  },
  crossSite: {
    id: 'Permintaan dari situs lain ditolak.',
    en: 'A request from another site was refused.',
  },
} satisfies Record<string, Message>;

export function loginPage(error: Message | undefined, csrf: string): string {
  const alert = error ? `<p class="alert" role="alert" id="login-error">${bilingual(error)}</p>` : '';
  return page(
    'Masuk',
    `<h1>Dasbor SLA LAPOR! <small lang="en">SLA dashboard</small></h1>
${alert}
<form method="post" action="/dashboard/login" class="login">
<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">
<label for="token">Token API <small lang="en">API token</small></label>
<input id="token" name="token" type="password" required autocomplete="current-password" spellcheck="false" maxlength="512">
<button type="submit">Masuk <small lang="en">Sign in</small></button>
</form>
<p class="hint">Buat token dengan <code>npm run cli -- token:create --role monitor</code>.
<small lang="en">Create a token with the command above.</small></p>
<p class="hint"><a href="/console/login?next=/dashboard">Masuk dengan akun pengguna <small lang="en">Sign in with a user account</small></a></p>`,
  );
}

export function forbiddenPage(reason: Message): string {
  return page(
    'Akses ditolak',
    `<h1>Akses ditolak <small lang="en">Access denied</small></h1>
<p class="alert" role="alert" id="forbidden">${bilingual(reason)}</p>
<p><a href="/dashboard/login">Masuk dengan token lain <small lang="en">Sign in with another token</small></a></p>`,
  );
}
