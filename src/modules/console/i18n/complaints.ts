import type { Messages } from './index';

/** The inbox and the complaint page. */
export const COMPLAINTS: Messages = {};
