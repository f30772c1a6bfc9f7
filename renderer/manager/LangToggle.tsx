import type { Lang } from '../../core/packs/packSchema';

/** Switches the console between Chinese and English; named in the language it switches to. */
export function LangToggle(props: { lang: Lang; setLang: (lang: Lang) => void }) {
  const other: Lang = props.lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" className="m-tab" lang={other} onClick={() => props.setLang(other)} data-testid="manager-lang">
      {other === 'en' ? 'English' : '中文'}
    </button>
  );
}
