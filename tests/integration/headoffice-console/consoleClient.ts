/**
 * A small browser stand-in for the console tests: keeps cookies, reads the CSRF token from the
 * last page, posts forms as a browser does (urlencoded, with Origin), never follows redirects.
 */
export type Answer = { status: number; location: string | null; text: string; setCookies: string[]; headers: Headers };

export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  private remember(r: Response) {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Max-Age=0/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  private cookieHeader = () => [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  async get(path: string): Promise<Answer> {
    const r = await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.remember(r);
    const text = await r.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: r.status, location: r.headers.get('location'), text, setCookies: r.headers.getSetCookie(), headers: r.headers };
  }

  async post(path: string, form: Record<string, string | string[]>, opts: { csrf?: string | null; origin?: string } = {}): Promise<Answer> {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    const r = await fetch(this.base + path, {
      method: 'POST',
      redirect: 'manual',
      body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', origin: opts.origin ?? this.base },
    });
    this.remember(r);
    const text = await r.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: r.status, location: r.headers.get('location'), text, setCookies: r.headers.getSetCookie(), headers: r.headers };
  }

  async login(username: string, password: string): Promise<Answer> {
    await this.get('/console/login');
    return this.post('/console/login', { username, password, next: '/console/funnel' });
  }
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' };
export const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&(\w+);/g, (m, n: string) => ENTITY[n] ?? m)
    .trim();

/** The cells of <table id="…"> as text: header row, body rows, footer row. */
export function tableOf(html: string, id: string): string[][] {
  const t = new RegExp(`<table id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  if (!t) throw new Error(`no table #${id}`);
  return [...t[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!)));
}

/** RFC 4180 CSV (quoted cells, doubled quotes), BOM dropped. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\n') (row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = ''));
    else cell += ch;
  }
  if (cell || row.length) (row.push(cell), rows.push(row));
  return rows;
}
