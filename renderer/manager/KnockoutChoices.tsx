import { useContext } from 'react';
import { LangContext, useT } from '../i18n';
import type { Detail } from './ApplicantPage';
import { dayLabel, listJoin, local } from './format';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Each knock-out rule with what the applicant actually chose — their yes/no, the days they
 * ticked, the date they can start — instead of the sentence the applicant was shown. A rule
 * that was not met leads with the pack's short manager label ("未满16岁"); a pack without
 * labels (older packs, old interviews' snapshots) shows what kind of rule it was instead.
 */
export function KnockoutChoices(props: { detail: Detail }) {
  const t = useT();
  const lang = useContext(LangContext);
  const d = props.detail;
  const ticked = WEEK.filter((day) => (d.profile?.availability ?? []).some((c) => c.startsWith(`${day}-`)));
  const days = (list: string[]) =>
    list.length
      ? listJoin(
          list.map((x) => t(`common.days.${x}`)),
          lang,
        )
      : t('manager.applicant.ko.none');
  const line = (k: Detail['knockouts'][number]): string => {
    if (k.kind === 'confirm' && k.question) return t('manager.applicant.ko.confirm', { q: local(k.question, lang), a: t(k.passed ? 'common.yes' : 'common.no') });
    if (k.kind === 'availability') return t('manager.applicant.ko.availability', { need: days(k.requireDays), chose: days(ticked) });
    if (k.kind === 'earliestStart' && k.withinDays !== null)
      return t('manager.applicant.ko.start', { n: k.withinDays, date: d.profile?.earliestStart ? dayLabel(d.profile.earliestStart, lang) : t('manager.applicant.ko.none') });
    return local(k.explain, lang);
  };
  return (
    <>
      {d.knockouts.map((k) => (
        <li key={k.ruleId} data-rule={k.ruleId} data-passed={k.passed}>
          <span aria-hidden="true">{k.passed ? '✓' : '✗'}</span>{' '}
          {k.passed ? null : (
            <>
              <strong data-testid="ko-label">{k.label ? local(k.label, lang) : t(`manager.applicant.ko.unmet.${k.kind}`)}</strong>
              <span aria-hidden="true"> · </span>
            </>
          )}
          <span className={k.passed ? undefined : 'm-muted'}>{line(k)}</span>
        </li>
      ))}
    </>
  );
}
