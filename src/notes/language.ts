// Japanese packs a word into two or three characters, so a modest share of kana/kanji among
// letters already means Japanese prose (English notes quoting a Japanese name stay well below).
const MIN_JAPANESE_LETTER_SHARE = 0.2;

/** 'ja' when a meaningful share of the letters are kana or kanji, else 'en'. */
export function detectLanguage(texts: readonly string[]): 'ja' | 'en' {
  let japanese = 0;
  let latin = 0;
  for (const text of texts) {
    japanese += (text.match(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/gu) ?? []).length;
    latin += (text.match(/\p{Script=Latin}/gu) ?? []).length;
  }
  const letters = japanese + latin;
  return letters > 0 && japanese / letters >= MIN_JAPANESE_LETTER_SHARE ? 'ja' : 'en';
}
