import type { Role } from './role';

/**
 * Who is calling: a machine with a bearer token, or a person signed in to the console (a user
 * session). Both obey the same role and mission rules.
 */
export interface Principal {
  kind: 'token' | 'user';
  id: string;
  name: string;
  role: Role;
  missionCode: string | null;
}

/** How the principal is named in event rows and audit logs. */
export function actorOf(p: Principal): string {
  return `${p.kind}:${p.id}`;
}
