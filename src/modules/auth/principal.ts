import type { Role } from './role';

/** Who is calling: resolved from a bearer token by the auth guard. */
export interface Principal {
  kind: 'token';
  id: string;
  name: string;
  role: Role;
  missionCode: string | null;
}

/** How the principal is named in event rows and audit logs. */
export function actorOf(p: Principal): string {
  return `${p.kind}:${p.id}`;
}
