/** A calm ring that empties as time passes; the number in the middle is what people read. */
export function CountdownRing(props: { total: number; left: number; label: string; size?: number; testId?: string }) {
  const size = props.size ?? 200;
  const r = size / 2 - 12;
  const c = 2 * Math.PI * r;
  const frac = props.total > 0 ? props.left / props.total : 0;
  const isLow = props.left <= Math.min(10, props.total / 4);
  return (
    <div className={`ring ${isLow ? 'ring-low' : ''}`} style={{ width: size, height: size }} role="timer" aria-label={props.label} data-testid={props.testId}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
        <circle cx={size / 2} cy={size / 2} r={r} className="ring-track" />
        <circle cx={size / 2} cy={size / 2} r={r} className="ring-fill" strokeDasharray={c} strokeDashoffset={c * (1 - frac)} transform={`rotate(-90 ${size / 2} ${size / 2})`} />
      </svg>
      <div className="ring-text">
        <span className="ring-seconds" style={{ fontSize: Math.round(size * (String(props.left).length > 2 ? 0.22 : 0.28)) }}>
          {props.left}
        </span>
        {/* The ring is drawn at a fixed size: its label grows with the text only as far as it fits. */}
        <span className="ring-label" style={{ fontSize: `min(0.85rem, ${Math.round(size * 0.16)}px)` }}>
          {props.label}
        </span>
      </div>
    </div>
  );
}
