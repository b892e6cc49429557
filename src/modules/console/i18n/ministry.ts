import type { Messages } from './index';

/** The ministry pages (missions, breaches) and the admin pages. */
export const MINISTRY: Messages = {};
