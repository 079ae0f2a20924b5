import { useI18n } from '../i18n.ts';

/** One button that switches between Chinese and English; the choice is remembered. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <button
      type="button"
      className="button button-quiet"
      data-testid="language-switch"
      lang={next === 'zh' ? 'zh-CN' : 'en'}
      aria-label={t('switchLanguageLabel')}
      onClick={() => setLang(next)}
    >
      {t('switchLanguage')}
    </button>
  );
}
