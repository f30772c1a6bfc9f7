/** Multi-select choices as large toggle chips (aria-pressed tells screen readers and tests the state). */
export function Chips<T extends string>(props: { options: { value: T; label: string }[]; selected: readonly T[]; onToggle: (v: T) => void; label: string }) {
  return (
    <div className="chips" role="group" aria-label={props.label}>
      {props.options.map((o) => {
        const isOn = props.selected.includes(o.value);
        return (
          <button key={o.value} type="button" className={`chip ${isOn ? 'chip-on' : ''}`} aria-pressed={isOn} onClick={() => props.onToggle(o.value)}>
            {isOn ? '✓ ' : ''}
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
