import { useState } from 'react';
import type { Lang } from '../../core/packs/packSchema';
import { useT } from '../i18n';
import { ApplicantPage } from './ApplicantPage';
import { DashboardPage } from './DashboardPage';
import { HealthBanner } from './HealthBanner';
import type { AuthState } from './ManagerApp';
import { PoolPage } from './PoolPage';
import { ReportView } from './ReportView';
import { RequestsPage } from './RequestsPage';
import { SettingsPage } from './SettingsPage';
import { ShiftsPage } from './ShiftsPage';
import { LangToggle } from './LangToggle';

type Tab = 'dashboard' | 'shifts' | 'pool' | 'requests' | 'settings';
const TABS: Tab[] = ['dashboard', 'shifts', 'pool', 'requests', 'settings'];

/** The unlocked console: a tab bar, and an applicant page or printable report on top when open. */
export function ConsoleShell(props: { auth: AuthState; lang: Lang; setLang: (l: Lang) => void; onLock: () => void }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('dashboard');
  const [openId, setOpenId] = useState<string | null>(null);
  const [report, setReport] = useState<{ id: string; lang: Lang } | null>(null);
  const session = props.auth.session!;
  const isManager = session.role === 'manager';

  if (report) return <ReportView interviewId={report.id} lang={report.lang} onClose={() => setReport(null)} />;
  return (
    <div className="m-shell">
      <header className="m-top">
        <div className="m-top-who">
          <strong>{props.auth.storeName}</strong>
          <span className="m-muted" data-testid="session-user">
            {session.userName} · {t(`manager.roles.${session.role}`)}
          </span>
        </div>
        <nav className="m-tabs" aria-label={t('manager.nav.label')}>
          {TABS.map((x) => (
            <button
              key={x}
              type="button"
              className={x === tab && !openId ? 'm-tab m-tab-on' : 'm-tab'}
              aria-current={x === tab && !openId ? 'page' : undefined}
              onClick={() => (setTab(x), setOpenId(null))}
              data-testid={`tab-${x}`}
            >
              {t(`manager.nav.${x}`)}
            </button>
          ))}
        </nav>
        <div className="m-top-actions">
          <LangToggle lang={props.lang} setLang={props.setLang} />
          <button type="button" className="btn btn-secondary btn-md" onClick={props.onLock} data-testid="manager-lock">
            {t('manager.nav.lock')}
          </button>
        </div>
      </header>
      <main className="m-main">
        <HealthBanner />
        {openId ? (
          <ApplicantPage interviewId={openId} isManager={isManager} onBack={() => setOpenId(null)} onPrint={(lang) => setReport({ id: openId, lang })} />
        ) : tab === 'dashboard' ? (
          <DashboardPage onOpen={setOpenId} />
        ) : tab === 'shifts' ? (
          <ShiftsPage isManager={isManager} />
        ) : tab === 'pool' ? (
          <PoolPage onOpen={setOpenId} />
        ) : tab === 'requests' ? (
          <RequestsPage />
        ) : (
          <SettingsPage isManager={isManager} />
        )}
      </main>
    </div>
  );
}
