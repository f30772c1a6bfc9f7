/**
 * Models page (admin): candidates with their holdout comparison, validity sample and
 * adverse-impact figures; approve / reject with a reason; publish to all or some stores;
 * refit; roll back; models in use per kiosk; the model change log. Every action goes
 * through the same functions as the CLI (headoffice/fairness).
 */
import { getCandidate, listCandidates, changeLog, type Candidate } from '../../fairness/candidates.js';
import { modelsInUse } from '../../fairness/report.js';
import type { HoStore } from '../../store/types.js';
import { html, page, postForm, raw, table, when, type Html, type PageCtx } from '../html.js';

const fmt = (n: number | null | undefined, digits = 3) => (n === null || n === undefined ? '—' : n.toFixed(digits));
const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;

function candidateCard(ctx: PageCtx, c: Candidate): Html {
  const { t } = ctx;
  const imp = c.impact.candidate;
  const rows = imp.rows.map((r) => [
    r.dimension,
    r.category,
    String(r.n),
    String(r.selected),
    r.status === 'insufficient' ? '—' : pct(r.selectionRate),
    r.status === 'insufficient'
      ? t('models.verdict.insufficient')
      : html`${r.impactRatio.toFixed(2)}${r.status === 'adverse' ? html` <span class="badge badge-warn">!</span>` : ''}${r.isReference ? ' (ref)' : ''}`,
  ]);
  const reason = (label: string) => html`<label class="grow">${t('common.reason')}<input name="reason" required maxlength="500" placeholder="${label}"></label>`;
  const actions: Html[] = [];
  if (c.status === 'awaiting_approval')
    actions.push(
      postForm(ctx, '/console/models/approve', html`<input type="hidden" name="id" value="${c.id}">${reason(t('models.approve'))}<button type="submit">${t('models.approve')}</button>`, {
        className: 'row',
      }),
    );
  if (c.status !== 'published' && c.status !== 'rejected')
    actions.push(
      postForm(ctx, '/console/models/reject', html`<input type="hidden" name="id" value="${c.id}">${reason(t('models.reject'))}<button type="submit" class="danger">${t('models.reject')}</button>`, {
        className: 'row',
      }),
    );
  if (c.status === 'approved')
    actions.push(
      postForm(
        ctx,
        '/console/models/publish',
        html`<input type="hidden" name="id" value="${c.id}"><label class="grow">${t('common.stores')}<input name="stores" maxlength="2000" placeholder="${t('common.storesHint')}"></label><button type="submit">${t('models.publish')}</button>`,
        { className: 'row' },
      ),
    );
  return html`<details class="candidate" data-candidate="${c.id}" data-status="${c.status}"${c.status === 'awaiting_approval' || c.status === 'approved' ? raw(' open') : ''}>
    <summary><strong>${c.packId}</strong> ${c.modelVersion} <span class="muted">(${c.baseVersion})</span>
      <span class="badge ${c.status === 'blocked' || c.status === 'rejected' ? 'badge-warn' : c.status === 'published' ? 'badge-ok' : 'badge-info'}">${t(`models.status.${c.status}`)}</span>
      <span class="muted small">${when(c.createdAt)} · ${c.createdBy}</span></summary>
    <div class="cols">
      <div>
        <p>${t('models.col.holdout')}: <strong>${fmt(c.comparison.current.auc)} → ${fmt(c.comparison.candidate.auc)}</strong> (n=${c.comparison.holdout.n})</p>
        <p>${t('models.col.recommend')}: <strong>${pct(c.comparison.recommendRate.current)} → ${pct(c.comparison.recommendRate.candidate)}</strong></p>
        <p>${t('models.validity', { n: c.validity.sample.retained90Known })}</p>
        <p>${t('models.col.impact')}: <span class="badge ${imp.verdict === 'pass' ? 'badge-ok' : 'badge-warn'}">${t(`models.verdict.${imp.verdict}`)}</span></p>
        ${imp.reasons.length ? html`<ul class="small">${imp.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
        <p class="small">${c.reason}${c.approvedBy ? html`<br>${t('models.status.approved')}: ${c.approvedBy} — ${c.approvalReason ?? ''}` : ''}</p>
      </div>
      <div>${table([t('models.col.dimension'), t('models.col.category'), t('models.col.n'), t('models.col.selected'), t('models.col.rate'), t('models.col.ratio')], rows, { numeric: [2, 3, 4, 5], caption: t('models.impactRows') })}</div>
    </div>
    ${actions}
  </details>`;
}

export async function renderModelsPage(ctx: PageCtx, store: HoStore, flash: { kind: 'ok' | 'error'; text: string } | null = null): Promise<string> {
  const { t } = ctx;
  const list = (await listCandidates(store)).slice(0, 30);
  const cands = (await Promise.all(list.map((c) => getCandidate(store, c.id)))).filter((c): c is Candidate => c !== null);
  const inUse = await modelsInUse(store);
  const log = (await changeLog(store)).slice(-100).reverse();
  const jobs = (await store.all<{ pack_id: string }>('SELECT DISTINCT pack_id FROM ho_interviews WHERE status = ?', ['completed'])).map((r) => r.pack_id).sort();
  const published = (await store.all<{ name: string }>(`SELECT DISTINCT name FROM ho_downlink WHERE kind = 'scoringModel' ORDER BY name`)).map((r) => r.name);
  const jobSelect = (name: string, options: string[]) => html`<select name="${name}" required>${options.map((o) => html`<option value="${o}">${o}</option>`)}</select>`;
  const body = html`<p class="intro">${t('models.intro')}</p>
  <section class="panel"><h2>${t('models.candidates')}</h2>${cands.length ? cands.map((c) => candidateCard(ctx, c)) : html`<p class="empty">${t('models.none')}</p>`}</section>
  <div class="cols">
    <section class="panel"><h2>${t('models.refit.title')}</h2>
      ${postForm(ctx, '/console/models/refit', html`<label>${t('models.refit.pack')}${jobSelect('pack', jobs)}</label><label class="grow">${t('common.reason')}<input name="reason" required maxlength="500"></label><button type="submit"${jobs.length ? '' : raw(' disabled')}>${t('models.refit.submit')}</button>`, { className: 'stack' })}
    </section>
    <section class="panel"><h2>${t('models.rollback.title')}</h2><p class="muted small">${t('models.rollback.intro')}</p>
      ${postForm(
        ctx,
        '/console/models/rollback',
        html`<label>${t('models.col.job')}${jobSelect('pack', published)}</label><label class="grow">${t('common.reason')}<input name="reason" required maxlength="500"></label>
        <label class="grow">${t('common.stores')}<input name="stores" maxlength="2000" placeholder="${t('common.storesHint')}"></label><button type="submit" class="danger"${published.length ? '' : raw(' disabled')}>${t('models.rollback.submit')}</button>`,
        { className: 'stack' },
      )}
    </section>
  </div>
  <section class="panel"><h2>${t('models.inUse')}</h2>
    ${table(
      [t('fleet.col.kiosk'), t('common.store'), t('fleet.col.lastSeen'), t('models.col.models')],
      inUse.map((k) => [
        html`${k.label}<br><code class="small">${k.kioskId}</code>`,
        k.storeId,
        when(k.lastSeenAt),
        k.scoringModels.length
          ? html`<ul class="plain">${k.scoringModels.map((m) => html`<li>${m.job} v${m.downlinkVersion} ${m.modelVersion ?? ''} <span class="muted">${m.state}</span></li>`)}</ul>`
          : html`<span class="muted">${t('models.shipped')}</span>`,
      ]),
      { id: 'models-in-use' },
    )}
  </section>
  <section class="panel"><h2>${t('models.log')}</h2>
    ${table(
      [t('models.col.at'), t('models.col.job'), t('models.col.action'), t('models.col.actor'), t('common.reason')],
      log.map((e) => [when(e.at), e.packId, e.action, e.actor, e.reason]),
      { id: 'model-log' },
    )}
  </section>`;
  return page(ctx, t('models.title'), body, { flash });
}
