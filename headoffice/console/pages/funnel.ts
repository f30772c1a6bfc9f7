/**
 * Funnel page and its CSV. The table, the chart data and the CSV all come from one
 * funnelTable() call, so the CSV is exactly the table on the screen (same rows, columns,
 * labels and rounding, in the page's language).
 */
import type { LocalText } from '../../../core/packs/packSchema.js';
import { csvCell } from '../../outcomes/csv.js';
import { openingTitles } from '../../hr/applicants.js';
import { listStores, storeLabel } from '../../hr/stores.js';
import { computeFunnel, FUNNEL_STAGES, GROUP_BY, NO_OPENING, percent, type Funnel, type FunnelCounts, type FunnelFilter, type GroupBy } from '../../hr/funnel.js';
import type { HoStore } from '../../store/types.js';
import { dateInput, dateProblem, html, isIsoDate, jsonBlock, page, raw, select, table, type PageCtx } from '../html.js';
import type { Lang, T } from '../i18n/index.js';

export type FunnelQuery = { by?: string; region?: string; store?: string; opening?: string; from?: string; to?: string };

const COUNT_COLUMNS = ['started', 'abandoned', 'completed', 'recommended', 'passed', 'scheduled', 'hired'] as const;

export function filterOf(q: FunnelQuery): FunnelFilter {
  const by = (GROUP_BY as readonly string[]).includes(q.by ?? '') ? (q.by as GroupBy) : 'storeOpening';
  const clean = (s: string | undefined) => (s && s.length <= 80 ? s : undefined);
  const date = (s: string | undefined) => (isIsoDate(s) ? s : undefined);
  return { by, region: clean(q.region), store: clean(q.store), opening: clean(q.opening), from: date(q.from), to: date(q.to) };
}

export type FunnelTable = { head: string[]; rows: string[][]; foot: string[]; labels: string[]; series: Record<(typeof COUNT_COLUMNS)[number], number[]> };

const pct = (n: number | null) => (n === null ? '—' : `${n}%`);

export function funnelTable(f: Funnel, t: T, lang: Lang, titles: Map<string, LocalText>, storeName: (id: string) => string = (id) => id): FunnelTable {
  const opening = (id: string | null) => (id === null ? '' : id === NO_OPENING ? t('funnel.noOpening') : titles.has(id) ? `${titles.get(id)![lang]} (${id})` : id);
  const by = f.filter.by;
  const keyHead =
    by === 'region'
      ? [t('common.region')]
      : by === 'store'
        ? [t('common.store')]
        : by === 'opening'
          ? [t('common.opening')]
          : by === 'week'
            ? [t('funnel.col.week')]
            : [t('common.store'), t('common.opening')];
  const head = [...keyHead, ...COUNT_COLUMNS.map((c) => t(`funnel.stage.${c}`)), t('funnel.col.completion'), t('funnel.col.passRate')];
  const numbers = (c: FunnelCounts) => [...COUNT_COLUMNS.map((k) => String(c[k])), pct(percent(c.completed, c.started)), pct(percent(c.passed, c.completed))];
  const keyCells = (g: Funnel['groups'][number]) =>
    by === 'region'
      ? [g.region ? g.region : t('funnel.noRegion')]
      : by === 'store'
        ? [storeName(g.storeId ?? '')]
        : by === 'opening'
          ? [opening(g.openingId)]
          : by === 'week'
            ? [g.week ?? '']
            : [storeName(g.storeId ?? ''), opening(g.openingId)];
  const rows = f.groups.map((g) => [...keyCells(g), ...numbers(g.counts)]);
  const foot = [t('funnel.total'), ...keyHead.slice(1).map(() => ''), ...numbers(f.total)];
  const labels = f.groups.map((g) => keyCells(g).join(' · '));
  const series = Object.fromEntries(COUNT_COLUMNS.map((k) => [k, f.groups.map((g) => g.counts[k])])) as FunnelTable['series'];
  return { head, rows, foot, labels, series };
}

export function funnelCsv(tb: FunnelTable): string {
  return '\ufeff' + [tb.head, ...tb.rows, tb.foot].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function loadFunnel(store: HoStore, q: FunnelQuery, t: T, lang: Lang): Promise<{ funnel: Funnel; table: FunnelTable }> {
  const funnel = await computeFunnel(store, filterOf(q));
  const titles = await openingTitles(
    store,
    funnel.openings.filter((o) => o !== NO_OPENING),
  );
  const meta = new Map((await listStores(store)).map((m) => [m.storeId, m]));
  return { funnel, table: funnelTable(funnel, t, lang, titles, (id) => storeLabel(meta.get(id), id, lang)) };
}

export async function renderFunnelPage(ctx: PageCtx, store: HoStore, q: FunnelQuery): Promise<string> {
  const { t, lang } = ctx;
  const { funnel, table: tb } = await loadFunnel(store, q, t, lang);
  const f = funnel.filter;
  const qs = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
  const titles = await openingTitles(store, funnel.openings);
  const meta = new Map((await listStores(store)).map((m) => [m.storeId, m]));
  const filters = html`<form method="get" action="/console/funnel" class="filters">
    ${select(
      'by',
      t('funnel.by'),
      GROUP_BY.map((g) => ({ value: g, label: t(`funnel.by.${g}`) })),
      f.by,
    )}
    ${select('region', t('common.region'), [{ value: '', label: t('common.all') }, ...funnel.regions.map((r) => ({ value: r, label: r }))], f.region)}
    ${select('store', t('common.store'), [{ value: '', label: t('common.all') }, ...funnel.stores.map((s) => ({ value: s, label: storeLabel(meta.get(s), s, lang) }))], f.store)}
    ${select('opening', t('common.opening'), [{ value: '', label: t('common.all') }, ...funnel.openings.map((o) => ({ value: o, label: o === NO_OPENING ? t('funnel.noOpening') : titles.has(o) ? `${titles.get(o)![lang]} (${o})` : o }))], f.opening)}
    ${dateInput('from', t('common.from'), q.from?.slice(0, 20) ?? '', t)}
    ${dateInput('to', t('common.to'), q.to?.slice(0, 20) ?? '', t)}
    <button type="submit">${t('common.apply')}</button> <a href="/console/funnel">${t('common.reset')}</a>
  </form>`;
  const chart = {
    type: 'bar',
    labels: tb.labels,
    datasets: [...FUNNEL_STAGES, 'abandoned' as const].map((s) => ({ key: s, label: t(`funnel.stage.${s}`), data: tb.series[s] })),
  };
  const body = html`<p class="intro">${t('funnel.intro')}</p>
  ${filters}
  ${
    funnel.groups.length === 0
      ? html`<p class="empty">${t('funnel.empty')}</p>`
      : html`<figure class="chart"><figcaption>${t('funnel.chartTitle', { by: t(`funnel.by.${f.by}`) })}</figcaption>
      <div class="chart-box"><canvas id="funnel-chart" role="img" aria-label="${t('funnel.chartLabel')}"></canvas></div></figure>
      ${jsonBlock('funnel-chart-data', chart)}
      <p class="actions"><a class="button" href="/console/funnel.csv?${raw(qs.replace(/&/g, '&amp;'))}" download>${t('funnel.csv')}</a> <span class="muted">${t('funnel.rateNote')}</span></p>
      ${table(tb.head, tb.rows, { id: 'funnel-table', numeric: tb.head.map((_, i) => i).filter((i) => i >= tb.head.length - 9), foot: tb.foot })}`
  }`;
  return page(ctx, t('funnel.title'), body, { scripts: ['/console/static/chart.umd.min.js'], flash: dateProblem(q, t) });
}
