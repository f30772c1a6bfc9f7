import { useState } from 'react';
import { ApplicantApp } from './applicant/ApplicantApp';
import { ManagerApp } from './manager/ManagerApp';

/**
 * Two faces of one kiosk: the applicant flow (default) and the store manager's console,
 * reached by a discreet long-press + PIN. Switching back always returns to a clean attract screen.
 */
export function App() {
  const [mode, setMode] = useState<'applicant' | 'manager'>('applicant');
  return mode === 'applicant' ? <ApplicantApp onManagerRequest={() => setMode('manager')} /> : <ManagerApp onExit={() => setMode('applicant')} />;
}
