import type { ButtonHTMLAttributes } from 'react';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'xl' | 'lg' | 'md';
};

/** The one button of the kiosk: every size is at least the 64 px touch target. */
export function BigButton({ variant = 'primary', size = 'lg', className = '', type = 'button', ...rest }: Props) {
  return <button type={type} className={`btn btn-${variant} btn-${size} ${className}`.trim()} {...rest} />;
}
