/**
 * The demo sign-ins (apps/api/src/cli/seed-demo.ts loads them into an empty database when
 * KINDLING_DEMO is on). Their password is published in the README: while any of them exists,
 * GET /api/meta answers `demo: true` and the web app shows a "demo" banner.
 */
export const DEMO_PASSWORD = 'kindling-demo-2026';
export const DEMO_ACCOUNTS = [
  { email: 'admin@kindling.demo', name: 'Ada Admin', role: 'platform admin', platformRoles: ['admin'] },
  { email: 'author@kindling.demo', name: 'Aurelio Autore', role: 'course author', platformRoles: ['author'] },
  { email: 'manager@kindling.demo', name: 'Maja Manager', role: 'manager of Demo Hospital Group', platformRoles: [] },
  { email: 'learner1@kindling.demo', name: 'Zoë Müller-Ćosić', role: 'learner', platformRoles: [] },
  { email: 'learner2@kindling.demo', name: 'Luca Bianchi', role: 'learner', platformRoles: [] },
] as const;
export const DEMO_EMAILS: string[] = DEMO_ACCOUNTS.map((a) => a.email);
