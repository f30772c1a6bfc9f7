import { useEffect, useState } from 'react';
import { useT } from '../i18n';

/**
 * Date and time fields in the console's own format (issue 14, item 11): the browser's date and
 * time pickers follow the machine's locale ("12/02/2026", "09:00 AM") whatever the console's
 * language. These take YYYY-MM-DD and 24-hour HH:MM as typed text; a value reaches the page
 * only once it has that shape (and is a real date / time), and a wrong shape is marked.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isDate = (s: string): boolean => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
export const isTime = (s: string): boolean => TIME.test(s);

type Props = { value: string | null; onChange: (v: string | null) => void; testId?: string; label?: string; isRequired?: boolean; className?: string };

function TextField(props: Props & { kind: 'date' | 'time' }) {
  const t = useT();
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  const isOk = props.kind === 'date' ? isDate : isTime;
  const isWrong = text !== '' && !isOk(text);
  return (
    <input
      className={`m-input m-${props.kind} ${props.className ?? ''}`}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      value={text}
      placeholder={t(props.kind === 'date' ? 'manager.common.datePlaceholder' : 'manager.common.timePlaceholder')}
      aria-label={props.label}
      aria-invalid={isWrong}
      required={props.isRequired}
      title={isWrong ? t(props.kind === 'date' ? 'manager.common.dateWrong' : 'manager.common.timeWrong') : undefined}
      onChange={(e) => {
        const v = e.target.value.trim();
        setText(v);
        if (v === '') props.onChange(null);
        else if (isOk(v)) props.onChange(v);
      }}
      data-testid={props.testId}
    />
  );
}

export const DateField = (props: Props) => <TextField {...props} kind="date" />;
export const TimeField = (props: Props) => <TextField {...props} kind="time" />;
