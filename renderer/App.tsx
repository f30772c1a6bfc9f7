import { useEffect, useState } from 'react';
import { ApplicantApp } from './applicant/ApplicantApp';
import { ManagerApp } from './manager/ManagerApp';
import { lockOnPageLoad } from './manager/lockOnPageLoad';

/**
 * Two faces of one kiosk: the applicant flow (default) and the store manager's console,
 * reached by a discreet long-press + PIN. Switching back always returns to a clean attract screen.
 */
export function App() {
  const [mode, setMode] = useState<'applicant' | 'manager'>('applicant');
  useEffect(() => void lockOnPageLoad(), []);
  return mode === 'applicant' ? <ApplicantApp onManagerRequest={() => setMode('manager')} /> : <ManagerApp onExit={() => setMode('applicant')} />;
}
