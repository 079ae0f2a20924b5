/** A piece of text shown to people in both languages: Chinese first, English second. */
export interface Bilingual {
  zh: string;
  en: string;
}
