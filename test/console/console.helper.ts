import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Role } from '../../src/modules/auth/role';
import { UserService } from '../../src/modules/auth/user.service';
import type { WorkflowBed } from '../workflow/workflow.helper';

/** A password every test user gets (long enough for the policy). */
export const TEST_PASSWORD = 'kata-sandi-uji-123';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  missionCode: string | null;
}

let seq = 0;

/** Creates a console user with TEST_PASSWORD (no one-time password to change). */
export async function createUser(
  bed: WorkflowBed,
  role: Role,
  missionCode?: string,
  opts: { email?: string; displayName?: string; locale?: 'id' | 'en' } = {},
): Promise<TestUser> {
  const email = opts.email ?? `${role}${missionCode ? `.${missionCode}` : ''}.${++seq}@kemlu.test`;
  const { user } = await bed.t.app.get(UserService).create({
    email,
    role,
    missionCode,
    password: TEST_PASSWORD,
    displayName: opts.displayName,
    locale: opts.locale,
  });
  return { id: user.id, email, password: TEST_PASSWORD, role, missionCode: missionCode ?? null };
}

/** The value of the first hidden `_csrf` field of an HTML page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field on the page');
  return m[1];
}

/**
 * A supertest agent (keeps cookies) signed in as the user. `form(path)` GETs a page and returns its
 * CSRF token, for posting the page's forms as a browser would.
 */
export async function signedInAgent(bed: WorkflowBed, user: TestUser) {
  const agent = request.agent(bed.t.url);
  const login = await agent.get('/console/login').expect(200);
  await agent
    .post('/console/login')
    .type('form')
    .send({ _csrf: csrfOf(login.text), email: user.email, password: user.password })
    .expect(303);
  return {
    agent,
    csrf: async (path = '/console/inbox') => csrfOf((await agent.get(path).expect(200)).text),
  };
}

/** Signs in through the real form in a browser page; resolves once the next page has loaded. */
export async function signInPage(page: Page, baseUrl: string, user: TestUser, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/console/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form button[type=submit]')]);
}
