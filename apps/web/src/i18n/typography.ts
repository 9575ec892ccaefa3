/**
 * Typography of the reader's language applied to every translated text, after its values are
 * filled in: Italian elides the article before a number read with a vowel first ("l’8 marzo",
 * "entro l’11 aprile", "almeno l’80 %"), as the server does for e-mails (libs/i18n/src/format.ts).
 */
const ELIDED: Record<string, string> = { il: 'l’', al: 'all’', dal: 'dall’', del: 'dell’', nel: 'nell’', sul: 'sull’' };

export function elideItalian(text: string): string {
  return text.replace(/(^|[^\p{L}’'])(il|al|dal|del|nel|sul) (?=8|11(?!\d))/giu, (_whole, before: string, article: string) => {
    const elided = ELIDED[article.toLowerCase()]!;
    return before + (article[0] === article[0]!.toUpperCase() ? elided[0]!.toUpperCase() + elided.slice(1) : elided);
  });
}

/** The i18next post-processor that applies it to every text of the Italian interface. */
export const typographyPostProcessor = {
  type: 'postProcessor' as const,
  name: 'typography',
  process(value: string, _key: string | string[], options: { lng?: string }, translator: { language?: string }): string {
    const language = options.lng ?? translator.language;
    return language === 'it' ? elideItalian(value) : value;
  },
};
