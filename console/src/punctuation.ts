/** A label's colon in the page's language: full-width after Chinese, `: ` after English. */
export const colon = (lang: 'zh' | 'en'): string => (lang === 'zh' ? '：' : ': ');
