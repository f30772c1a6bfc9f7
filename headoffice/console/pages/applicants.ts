/**
 * Applicant search and one applicant's record. The record shows what the store manager saw:
 * answers (with the retake and the follow-up), skills results, the score per competency with
 * its summary, the evidence lines (strength / warning sign / ruled out / said not to, each
 * with the applicant's own clause) and the terms it adds up from, the feedback the applicant
 * was given, and the store's decisions. Erased applicants show only that they were erased.
 */
import { DAYS, SLOTS, type Day, type LocalText, type Slot } from '../../../core/packs/packSchema.js';
import type { RecordPayload } from '../../../core/records/registry.js';
import { APPLICANT_STATUSES, applicantDetail, openingTitles, searchApplicants, type ApplicantDetail } from '../../hr/applicants.js';
import { listRegions, listStores, storeLabel } from '../../hr/stores.js';
import { readInterview } from '../../notify/queue.js';
import type { HoStore } from '../../store/types.js';
import { dateInput, dateProblem, html, isIsoDate, page, raw, select, table, when, type Html, type PageCtx } from '../html.js';
import type { Lang, T } from '../i18n/index.js';

export type ApplicantQuery = { region?: string; store?: string; opening?: string; status?: string; from?: string; to?: string; q?: string; after?: string; before?: string };

const PAGE_SIZE = 50;
const local = (x: LocalText | null | undefined, lang: Lang) => (x ? x[lang] : '');
const tenth = (n: number) => (Math.round(n * 10) / 10).toFixed(1);
const signed = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±') + tenth(Math.abs(n));

export async function renderApplicantsPage(ctx: PageCtx, store: HoStore, q: ApplicantQuery): Promise<string> {
  const { t, lang } = ctx;
  const regions = await listRegions(store);
  const filter = {
    region: q.region && regions.includes(q.region) ? q.region : undefined,
    store: q.store || undefined,
    opening: q.opening || undefined,
    status: (APPLICANT_STATUSES as readonly string[]).includes(q.status ?? '') ? q.status : undefined,
    from: isIsoDate(q.from) ? q.from : undefined,
    to: isIsoDate(q.to) ? q.to : undefined,
    q: q.q?.slice(0, 80) || undefined,
  };
  const result = await searchApplicants(store, { ...filter, after: q.after, before: q.before, limit: PAGE_SIZE });
  const { rows } = result;
  const choices = await store.all<{ store_id: string; pack_id: string }>('SELECT DISTINCT store_id, pack_id FROM ho_interviews');
  const stores = [...new Set(choices.map((c) => c.store_id))].sort();
  const openings = [...new Set(choices.map((c) => c.pack_id))].sort();
  const meta = new Map((await listStores(store)).map((m) => [m.storeId, m]));
  const titles = await openingTitles(store, [...openings, ...rows.flatMap((r) => (r.openingId ? [r.openingId] : []))]);
  const openingLabel = (id: string | null) => (id ? (titles.has(id) ? titles.get(id)![lang] : id) : '—');
  const filters = html`<form method="get" action="/console/applicants" class="filters">
    <label class="grow">${t('applicants.q')}<input type="search" name="q" value="${filter.q ?? ''}" maxlength="80"></label>
    ${select('region', t('common.region'), [{ value: '', label: t('common.all') }, ...regions.map((r) => ({ value: r, label: r }))], filter.region)}
    ${select('store', t('common.store'), [{ value: '', label: t('common.all') }, ...stores.map((s) => ({ value: s, label: storeLabel(meta.get(s), s, lang) }))], filter.store)}
    ${select('opening', t('common.opening'), [{ value: '', label: t('common.all') }, ...openings.map((o) => ({ value: o, label: openingLabel(o) }))], filter.opening)}
    ${select('status', t('common.status'), [{ value: '', label: t('common.all') }, ...APPLICANT_STATUSES.map((s) => ({ value: s, label: t(`applicants.status.${s}`) }))], filter.status)}
    ${dateInput('from', t('common.from'), q.from?.slice(0, 20), t)}
    ${dateInput('to', t('common.to'), q.to?.slice(0, 20), t)}
    <button type="submit">${t('common.apply')}</button> <a href="/console/applicants">${t('common.reset')}</a>
  </form>`;
  const head = [t('applicants.col.name'), t('common.store'), t('common.opening'), t('applicants.col.started'), t('common.status'), t('applicants.col.score'), t('applicants.col.decision'), ''];
  const body = rows.map((r) => [
    r.isErased ? html`<span class="muted">${t('applicants.erasedName')}</span>` : (r.name ?? '—'),
    storeLabel(meta.get(r.storeId), r.storeId, lang),
    openingLabel(r.openingId),
    when(r.startedAt ?? r.receivedAt),
    html`<span class="badge ${r.isErased ? 'badge-muted' : r.status === 'abandoned' ? 'badge-warn' : 'badge-ok'}" data-status="${r.status}">${t(`applicants.status.${r.status}`)}</span>${r.isHired ? html` <span class="badge badge-ok">${t('applicants.status.hired')}</span>` : ''}`,
    r.band ? html`${t(`band.${r.band as 'recommend'}`)}${r.overall !== null ? ` · ${Math.round(r.overall)}` : ''}` : '—',
    r.decision ? t(`decision.${r.decision as 'pass'}`) + (r.isScheduled ? ` · ${t('applicants.status.scheduled')}` : '') : '—',
    html`<a href="/console/applicant?id=${encodeURIComponent(r.interviewId)}">${t('applicants.open')}</a>`,
  ]);
  // Next/previous keep the filters and carry one keyset cursor.
  const link = (cursor: { after?: string; before?: string }) =>
    '/console/applicants?' + new URLSearchParams(Object.entries({ ...filter, ...cursor }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
  const pager = html`<nav class="pager" aria-label="${t('applicants.pages')}">
    <span data-testid="page-count">${result.total === 0 ? '' : t('applicants.showing', { first: result.first, last: result.first + rows.length - 1, total: result.total })}</span>
    ${result.prevCursor ? html`<a class="button" rel="prev" href="${link({ before: result.prevCursor })}">${t('applicants.prev')}</a>` : ''}
    ${result.nextCursor ? html`<a class="button" rel="next" href="${link({ after: result.nextCursor })}">${t('applicants.next')}</a>` : ''}
  </nav>`;
  return page(
    ctx,
    t('applicants.title'),
    html`<p class="intro">${t('applicants.intro')}</p>${filters}
    ${rows.length ? html`${pager}${table(head, body, { id: 'applicants-table' })}${pager}` : html`<p class="empty">${t('applicants.empty')}</p>`}`,
    { flash: dateProblem(q, t) },
  );
}

/** "周一上午、周六晚上" / "Mon morning, Sat evening", in the week's order. */
export function availabilityLabel(cells: readonly string[], t: T, lang: Lang): string {
  const order = (c: string) => {
    const [d, s] = c.split('-') as [Day, Slot];
    return DAYS.indexOf(d) * 10 + SLOTS.indexOf(s);
  };
  const known = cells.filter((c) => {
    const [d, s] = c.split('-');
    return (DAYS as readonly string[]).includes(d ?? '') && (SLOTS as readonly string[]).includes(s ?? '');
  });
  const labels = [...known]
    .sort((a, b) => order(a) - order(b))
    .map((c) => {
      const [d, s] = c.split('-') as [Day, Slot];
      return t('availability.cell', { day: t(`day.${d}`), slot: t(`slot.${s}`) });
    });
  return [...labels, ...cells.filter((c) => !known.includes(c))].join(lang === 'en' ? ', ' : '、');
}

type Completed = RecordPayload<'interview.completed'>;
type Result = NonNullable<NonNullable<Completed['score']>['result']>;

function scoreBlock(t: T, lang: Lang, s: Completed['score']): Html {
  if (!s || s.status !== 'scored' || !s.result) return html`<p class="flash flash-error" data-testid="not-scored">${t('applicant.notScored', { reason: s?.reason ?? '—' })}</p>`;
  const r: Result = s.result;
  const order = (e: Result['competencies'][number]['evidence'][number]) => (e.status === 'credited' ? (e.polarity === 'positive' ? 0 : 1) : e.status === 'avoided' ? 2 : 3);
  return html`<p><span class="band band-${r.band}">${t(`band.${r.band}`)}</span> ${t('applicant.overall', { n: Math.round(r.overall) })}</p>
    ${r.competencies.map(
      (c) => html`<section class="comp" data-competency="${c.id}">
      <div class="comp-head"><strong>${local(c.name, lang) || c.id}</strong><span>${t('applicant.points', { n: tenth(c.score) })} · ${t('applicant.level', { n: c.level })}</span></div>
      <div class="bar"><span class="w${Math.max(0, Math.min(100, Math.round(c.score / 5) * 5))}"></span></div>
      ${c.summary ? html`<p class="summary">${local(c.summary, lang)}</p>` : ''}
      ${
        c.evidence.length
          ? html`<ul class="evidence">${[...c.evidence]
              .sort((a, b) => order(a) - order(b))
              .map((e) =>
                e.status === 'credited'
                  ? html`<li class="${e.polarity === 'positive' ? 'ev-good' : 'ev-warn'}"><span class="tag">${e.polarity === 'positive' ? `✓ ${t('applicant.strength')}` : `⚠ ${t('applicant.warning')}`}</span> ${local(e.label, lang)} — <q>${e.quote}</q></li>`
                  : html`<li class="ev-neutral">${t(e.status === 'avoided' ? 'applicant.avoided' : 'applicant.negated', { label: local(e.label, lang) })} — <q>${e.quote}</q></li>`,
              )}</ul>`
          : ''
      }
      <p class="muted small">${t('applicant.howAddsUp')}</p>
      <ul class="terms">${c.contributions.map((k) => html`<li>${local(k.label, lang)}${k.measured ? html` <span class="muted">(${local(k.measured, lang)})</span>` : ''} <span class="pts${k.contribution < 0 ? ' neg' : ''}">${signed(k.contribution)}</span></li>`)}</ul>
    </section>`,
    )}
    <p class="muted small">${t('applicant.model', { v: r.modelVersion })}</p>`;
}

function recordBlocks(t: T, lang: Lang, d: ApplicantDetail, rec: Completed): Html {
  const a = rec.applicant;
  const iv = rec.interview;
  const latest = new Map<string, number>();
  for (const x of rec.answers) latest.set(x.questionId, Math.max(latest.get(x.questionId) ?? 0, x.attempt));
  const questionIds = [...new Set(rec.answers.map((x) => x.questionId))];
  const profile = table(
    ['', ''],
    [
      [t('applicants.col.name'), a?.name ?? '—'],
      [t('applicant.mobile'), a?.mobile ?? '—'],
      [t('applicant.availability'), a && a.availability.length ? availabilityLabel(a.availability, t, lang) : '—'],
      [t('applicant.industries'), a?.industries.join(', ') || '—'],
      [t('applicant.wage'), a?.expectedWageYuan !== null && a?.expectedWageYuan !== undefined ? `¥${a.expectedWageYuan}` : '—'],
      [t('applicant.earliestStart'), a?.earliestStart ?? '—'],
      [t('applicant.receipt'), iv.receiptCode ?? '—'],
      [t('applicant.language'), iv.lang],
      [t('applicant.camera'), iv.cameraConsent ? t('common.yes') : t('common.no')],
      [t('applicant.kiosk'), `${d.storeId} · ${d.kioskId}`],
      [t('applicants.col.started'), `${when(iv.startedAt)} → ${when(iv.finishedAt)}`],
    ],
  );
  const answers = questionIds.map((qid, i) => {
    const attempts = rec.answers.filter((x) => x.questionId === qid).sort((x, y) => x.attempt - y.attempt);
    const fu = rec.followUps.find((f) => f.questionId === qid);
    return html`<li class="answer" id="q-${qid}"><p class="question"><strong>${i + 1}.</strong> ${local(d.questions[qid], lang) || qid}</p>
      ${attempts.map((x) => html`<blockquote class="${x.attempt === latest.get(qid) ? '' : 'superseded'}">${x.text || '—'}<footer class="muted small">${t(`applicant.mode.${x.mode}`)}${x.attempt > 1 ? ` · ${t('applicant.attempt')}` : ''}</footer></blockquote>`)}
      ${fu ? html`<div class="follow-up"><span class="tag">${t('applicant.followUp')}</span> ${fu.text === null ? html`<span class="muted">${t('applicant.followUpUnanswered')}</span>` : fu.text === '' ? html`<span class="muted">${t('applicant.followUpSkipped')}</span>` : fu.text}</div>` : ''}</li>`;
  });
  const skills = rec.skills.map((s) => html`<li>${t('applicant.skillsLine', { test: s.testId, correct: s.correct, total: s.total, seconds: Math.round(s.totalMs / 1000) })}</li>`);
  const fb = rec.score?.feedback;
  const feedback = fb ? [...fb.strengths, ...fb.suggestions, ...fb.skills, ...(fb.note ? [fb.note] : [])] : [];
  const knockouts = iv.knockouts ?? [];
  return html`<div class="cols">
    <section class="panel"><h2>${t('applicant.profile')}</h2>${profile}
      ${knockouts.length ? html`<h3>${t('applicant.knockouts')}</h3><ul class="plain">${knockouts.map((k) => html`<li>${k.passed ? '✓' : '✗'} ${local(k.explain, lang)}</li>`)}</ul>` : ''}
    </section>
    <section class="panel" data-testid="score"><h2>${t('applicant.score')}</h2>${scoreBlock(t, lang, rec.score)}</section>
  </div>
  <section class="panel"><h2>${t('applicant.answers')}</h2><ol class="answers plain">${answers}</ol>
    ${skills.length ? html`<h3>${t('applicant.skills')}</h3><ul class="plain">${skills}</ul>` : ''}
    ${feedback.length ? html`<h3>${t('applicant.feedback')}</h3><ul>${feedback.map((f) => html`<li>${local(f, lang)}</li>`)}</ul>` : ''}
  </section>`;
}

export async function renderApplicantPage(ctx: PageCtx, store: HoStore, interviewId: string): Promise<{ status: number; html: string; isErased: boolean } | null> {
  const { t, lang } = ctx;
  const d = await applicantDetail(store, interviewId);
  if (!d) return null;
  const events = d.events.map((e) => {
    const text =
      e.kind === 'decision'
        ? t('applicant.event.decision', { decision: t(`decision.${e.decision as 'pass'}`), by: e.by }) +
          (e.isOverride ? ` — ${t('applicant.event.override', { rec: e.recommendation ? t(`decision.${e.recommendation as 'pass'}`) : '—' })}` : '')
        : e.kind === 'undo'
          ? t('applicant.event.undo', { by: e.by })
          : e.kind === 'scheduled'
            ? t('applicant.event.scheduled', { by: e.by, detail: e.detail ?? '' })
            : e.kind === 'unscheduled'
              ? t('applicant.event.unscheduled', { by: e.by, detail: e.detail ?? '' })
              : e.kind === 'second_round_offered'
                ? t('applicant.event.secondRoundOffered', { by: e.by, detail: e.detail ?? '' })
                : e.kind === 'second_round_booked'
                  ? t('applicant.event.secondRoundBooked', { by: e.by === 'applicant' ? t('applicant.byApplicant') : e.by, detail: e.detail ?? '' })
                  : e.kind === 'second_round_released'
                    ? t('applicant.event.secondRoundReleased', { by: e.by, detail: t(`applicant.releaseCause.${(e.detail ?? 'manager') as 'manager'}`) })
                    : t('applicant.event.human_requested');
    return html`<li${e.kind.startsWith('second_round') ? raw(` data-event="${e.kind}"`) : ''}><span class="muted">${when(e.at)}</span> ${text}${e.reason ? html`<br><span class="note">${t('common.reason')}: ${e.reason}</span>` : ''}</li>`;
  });
  const head = html`<p><a href="/console/applicants">${t('common.back')}</a> · <code>${d.interviewId}</code> · ${d.storeId}${d.openingTitle ? ` · ${local(d.openingTitle, lang)}` : ''}</p>`;
  let body: Html;
  if (d.isErased) body = html`${head}<p class="flash flash-ok" data-testid="erased">${t('applicant.erased', { at: when(d.erasedAt) })}</p>`;
  else if (!d.record) body = html`${head}<p class="flash">${t('applicant.abandoned', { reason: d.abandoned ? t(`applicant.reason.${d.abandoned.reason as 'idle'}`) : '—' })}</p>`;
  else {
    const o = d.outcome;
    const yn = (v: number | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no'));
    const booked = (await readInterview(store, interviewId))?.secondRound ?? null;
    body = html`${head}${recordBlocks(t, lang, d, d.record)}
      <section class="panel"><h2>${t('applicant.decisions')}</h2>${booked ? html`<p class="flash flash-ok" data-testid="second-round">${t('applicant.secondRound', { when: `${booked.date} ${booked.start}`, place: booked.place })}</p>` : ''}${events.length ? html`<ul class="plain events">${events}</ul>` : html`<p class="muted">${t('applicant.noDecisions')}</p>`}
      ${o ? html`<h3>${t('applicant.outcome')}</h3><p>${t('applicant.outcomeLine', { date: o.hireDate, r30: yn(o.retained30), r90: yn(o.retained90), rating: o.rating ?? '—' })}</p>` : ''}</section>`;
  }
  return { status: 200, html: page(ctx, t('applicant.title'), body ?? raw('')), isErased: d.isErased };
}
