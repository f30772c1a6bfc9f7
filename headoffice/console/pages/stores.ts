/** Stores page (admin): each store's region and display names, set one by one or from a CSV. */
import { listStores } from '../../hr/stores.js';
import type { HoStore } from '../../store/types.js';
import { html, page, postForm, table, when, type PageCtx } from '../html.js';

export async function renderStoresPage(ctx: PageCtx, store: HoStore, flash: { kind: 'ok' | 'error'; text: string } | null = null, csvText = ''): Promise<string> {
  const { t } = ctx;
  const stores = await listStores(store);
  const input = (name: string, value: string | null, label: string, max: number) =>
    html`<label class="sr-label"><span>${label}</span><input name="${name}" value="${value ?? ''}" maxlength="${max}"></label>`;
  const rows = stores.map((s) => [
    html`<code>${s.storeId}</code>`,
    postForm(
      ctx,
      '/console/stores/set',
      html`<input type="hidden" name="storeId" value="${s.storeId}">${input('region', s.region, t('common.region'), 60)}${input('nameZh', s.nameZh, t('stores.nameZh'), 80)}${input('nameEn', s.nameEn, t('stores.nameEn'), 80)}<button type="submit">${t('stores.save')}</button>`,
      { className: 'row-form' },
    ),
    String(s.kiosks),
    s.updatedBy ? html`${when(s.updatedAt)}<br><span class="muted small">${s.updatedBy}</span>` : '—',
  ]);
  const body = html`<p class="intro">${t('stores.intro')}</p>
    ${stores.length ? table([t('common.store'), t('stores.col.meta'), t('stores.col.kiosks'), t('stores.col.updated')], rows, { id: 'stores-table' }) : html`<p class="empty">${t('stores.empty')}</p>`}
    <section class="panel"><h2>${t('stores.add')}</h2>
      ${postForm(
        ctx,
        '/console/stores/set',
        html`<label>${t('fleet.enroll.store')}<input name="storeId" required pattern="[A-Za-z0-9_\\-]{1,64}" maxlength="64"></label>
        <label>${t('common.region')}<input name="region" maxlength="60"></label>
        <label>${t('stores.nameZh')}<input name="nameZh" maxlength="80"></label>
        <label>${t('stores.nameEn')}<input name="nameEn" maxlength="80"></label>
        <button type="submit">${t('stores.save')}</button>`,
        { className: 'stack' },
      )}</section>
    <section class="panel"><h2>${t('stores.import')}</h2><p class="muted">${t('stores.importIntro')}</p>
      ${postForm(
        ctx,
        '/console/stores/import',
        html`<label class="grow">${t('stores.csv')}<textarea name="csv" rows="6" required placeholder="store,region,name_zh,name_en&#10;S001,华东,上海徐汇店,Shanghai Xuhui">${csvText}</textarea></label>
        <button type="submit">${t('stores.importSubmit')}</button>`,
        { className: 'stack' },
      )}</section>`;
  return page(ctx, t('stores.title'), body, { flash });
}
