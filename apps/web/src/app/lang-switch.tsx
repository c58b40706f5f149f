/** The Vietnamese / English switch (remembered in this browser). */
import { langSet, useLang, useT } from '../i18n/strings.ts';

export function LangSwitch() {
  const t = useT();
  const lang = useLang();
  return (
    <button type="button" className="button button-quiet lang-switch" title={t('app.lang.switchTitle')} lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => langSet(lang === 'vi' ? 'en' : 'vi')}>
      {t('app.lang.switch')}
    </button>
  );
}
