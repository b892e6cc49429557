import type { Response } from 'express';

/**
 * Sends one of a fixed set of files by the name in its URL (`files`: URL name → path), else 404:
 * nothing else is reachable, so no URL ever reaches the file system. Revalidated each time (ETag): a
 * new release is picked up at once, an unchanged file costs a 304. `dotfiles: 'allow'`: the path is
 * ours, never the URL's, and an install may live under a dotted directory (node_modules/.cache for
 * the bench, ~/.local for a user install).
 */
export function sendAsset(res: Response, files: Readonly<Record<string, string>>, name: string): void {
  const path = Object.hasOwn(files, name) ? files[name] : undefined;
  if (!path) {
    res.status(404).type('text/plain').send('Not found');
    return;
  }
  res.sendFile(path, { headers: { 'Cache-Control': 'no-cache' }, dotfiles: 'allow' }, (err) => {
    if (err && !res.headersSent) res.status(404).type('text/plain').send('Not found');
  });
}
