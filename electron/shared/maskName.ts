/**
 * A name as the applicant screens may show it: the first character and up to three stars
 * (王小明 → 王＊＊, John Smith → J＊＊＊). Enough for the owner to recognise an interrupted
 * interview, too little for the next person at the kiosk. Idempotent, so a masked name stays
 * the same when masked again. The service masks before a name leaves it on any public channel.
 */
export function maskName(name: string | null): string {
  if (!name) return '';
  const chars = [...name.trim()];
  return chars.length <= 1 ? chars.join('') : chars[0] + '＊'.repeat(Math.min(chars.length - 1, 3));
}
