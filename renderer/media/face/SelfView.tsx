import { useState } from 'react';
import { useT } from '../../i18n';
import { StreamVideo } from './CameraCheck';

/**
 * Small self-view during questions. The applicant can hide it at any time; hiding changes
 * only what is shown — analysis (if consented) continues, and nothing is recorded either way.
 */
export function SelfView(props: { stream: MediaStream | null; defaultHidden?: boolean }) {
  const t = useT();
  const [isHidden, setHidden] = useState(props.defaultHidden ?? false);
  if (!props.stream) return null;
  return (
    <div className="self-view" data-testid="self-view" style={{ width: 160 }}>
      {isHidden ? null : <StreamVideo stream={props.stream} label={t('face.selfView.label')} />}
      <button type="button" onClick={() => setHidden(!isHidden)} style={{ width: '100%', minHeight: 44 }}>
        {t(isHidden ? 'face.selfView.show' : 'face.selfView.hide')}
      </button>
    </div>
  );
}
