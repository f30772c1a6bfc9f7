/**
 * Every console route, for the OpenAPI document (openapi.ts spreads consoleOpenApiPaths) and
 * for registration (routes.ts refuses to register a route missing here). The console is
 * server-rendered HTML behind a cookie session; every POST needs the session's CSRF token.
 */
type R = readonly [method: 'GET' | 'POST', url: string, role: 'public' | 'viewer' | 'hr' | 'admin', summary: string];

export const CONSOLE_ROUTES: readonly R[] = [
  ['GET', '/console', 'public', 'Console start: the funnel when signed in, else the sign-in page'],
  ['GET', '/console/login', 'public', 'Sign-in page'],
  ['POST', '/console/login', 'public', 'Sign in (form: username, password, _csrf); sets the session cookie'],
  ['POST', '/console/logout', 'viewer', 'Sign out'],
  ['GET', '/console/lang', 'public', 'Switch the console language (to=zh-CN|en)'],
  ['GET', '/console/static/console.css', 'public', 'Console style sheet'],
  ['GET', '/console/static/console.js', 'public', 'Console script (charts, confirmations)'],
  ['GET', '/console/static/chart.umd.min.js', 'public', 'Chart.js (from node_modules)'],
  ['GET', '/console/funnel', 'viewer', 'Funnel page: filters, chart and table'],
  ['GET', '/console/funnel.csv', 'viewer', 'The funnel table as shown, as CSV'],
  ['GET', '/console/fleet', 'viewer', 'Kiosks page (filters: region, needs attention)'],
  ['POST', '/console/fleet/enroll-code', 'admin', 'Generate a one-time enrollment code'],
  ['POST', '/console/fleet/revoke', 'admin', 'Revoke a kiosk'],
  ['GET', '/console/stores', 'admin', 'Stores: region and display names'],
  ['POST', '/console/stores/set', 'admin', 'Set a store’s region and display names'],
  ['POST', '/console/stores/import', 'admin', 'Import store regions and names from CSV (store,region,name_zh,name_en)'],
  ['GET', '/console/applicants', 'hr', 'Applicant search (keyset pages: after / before)'],
  ['GET', '/console/applicant', 'hr', 'One applicant’s synced record (?id=<interviewId>)'],
  ['GET', '/console/notifications', 'hr', 'Applicant notifications per store with delivery status and counts (?store=, ?status=)'],
  ['POST', '/console/notifications/resend', 'hr', 'Send a dead or failed notification again (same idempotency key; form: id)'],
  ['GET', '/console/models', 'admin', 'Model candidates, models in use and the change log'],
  ['POST', '/console/models/refit', 'admin', 'Refit a job’s model into a candidate'],
  ['POST', '/console/models/approve', 'admin', 'Approve a candidate (reason required)'],
  ['POST', '/console/models/reject', 'admin', 'Reject a candidate (reason required)'],
  ['POST', '/console/models/publish', 'admin', 'Publish an approved candidate to all or some stores'],
  ['POST', '/console/models/rollback', 'admin', 'Roll a job back to the model it used before'],
  ['GET', '/console/tokens', 'admin', 'API tokens and the feed endpoint'],
  ['POST', '/console/tokens/issue', 'admin', 'Issue an API token (shown once)'],
  ['POST', '/console/tokens/revoke', 'admin', 'Revoke an API token'],
  ['GET', '/console/users', 'admin', 'Console accounts'],
  ['POST', '/console/users/create', 'admin', 'Create an account'],
  ['POST', '/console/users/update', 'admin', 'Change an account’s role, switch it off/on or unlock it'],
  ['GET', '/console/account', 'viewer', 'My account'],
  ['POST', '/console/account/password', 'viewer', 'Change my password'],
  ['GET', '/console/audit', 'admin', 'The console action log'],
];

export const consoleOpenApiPaths: Record<string, Record<string, unknown>> = {};
for (const [method, url, role, summary] of CONSOLE_ROUTES) {
  const p = (consoleOpenApiPaths[url] ??= {});
  p[method.toLowerCase()] = {
    summary: `Console: ${summary}`,
    tags: ['console'],
    description: role === 'public' ? 'No session needed.' : `Cookie session with role ${role} or higher; POST forms carry the session's CSRF token (_csrf).`,
    responses: { '200': { description: 'text/html' }, '303': { description: 'redirect (to sign-in when there is no session)' }, '403': { description: 'role or CSRF refusal' } },
  };
}

export const isConsoleRoute = (method: string, url: string) => CONSOLE_ROUTES.some(([m, u]) => m === method && u === url);
export const roleOfRoute = (method: string, url: string) => CONSOLE_ROUTES.find(([m, u]) => m === method && u === url)?.[2] ?? null;
