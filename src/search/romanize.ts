/**
 * Katakana ↔ Latin by sound, for names no glossary lists: a question writes イスティオ or エンボイ,
 * the notes write "Istio" or "Enboy" (a typo of Envoy). Both sides become a rough phonetic key:
 * katakana is romanized, then both drop what Japanese spelling adds or English spelling varies
 * (vowels, b/v, l/r, c/k); a Latin term whose key matches is checked with an edit distance in
 * which vowels are cheap (イスティオ "isutio" is one dropped "u" from "istio").
 */

const KANA: Record<string, string> = {
  ア: 'a', イ: 'i', ウ: 'u', エ: 'e', オ: 'o', カ: 'ka', キ: 'ki', ク: 'ku', ケ: 'ke', コ: 'ko', ガ: 'ga', ギ: 'gi', グ: 'gu', ゲ: 'ge', ゴ: 'go',
  サ: 'sa', シ: 'shi', ス: 'su', セ: 'se', ソ: 'so', ザ: 'za', ジ: 'ji', ズ: 'zu', ゼ: 'ze', ゾ: 'zo', タ: 'ta', チ: 'chi', ツ: 'tsu', テ: 'te', ト: 'to',
  ダ: 'da', ヂ: 'ji', ヅ: 'zu', デ: 'de', ド: 'do', ナ: 'na', ニ: 'ni', ヌ: 'nu', ネ: 'ne', ノ: 'no', ハ: 'ha', ヒ: 'hi', フ: 'fu', ヘ: 'he', ホ: 'ho',
  バ: 'ba', ビ: 'bi', ブ: 'bu', ベ: 'be', ボ: 'bo', パ: 'pa', ピ: 'pi', プ: 'pu', ペ: 'pe', ポ: 'po', マ: 'ma', ミ: 'mi', ム: 'mu', メ: 'me', モ: 'mo',
  ヤ: 'ya', ユ: 'yu', ヨ: 'yo', ラ: 'ra', リ: 'ri', ル: 'ru', レ: 're', ロ: 'ro', ワ: 'wa', ヲ: 'o', ン: 'n', ヴ: 'vu',
  ァ: 'a', ィ: 'i', ゥ: 'u', ェ: 'e', ォ: 'o', ャ: 'ya', ュ: 'yu', ョ: 'yo',
};
// Small kana after a consonant replace its vowel: ティ "ti", ファ "fa", シャ "sha".
const SMALL_VOWELS: Record<string, string> = { ァ: 'a', ィ: 'i', ゥ: 'u', ェ: 'e', ォ: 'o' };
const SMALL_Y: Record<string, string> = { ャ: 'a', ュ: 'u', ョ: 'o' };

/** Katakana as romaji ("イスティオ" → "isutio"); '' when the text has other characters. */
export function romanizeKatakana(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === 'ー' || char === 'ッ' || char === '・') continue;
    const small = SMALL_VOWELS[char];
    if (small && /[^aeiou][aeiou]$/.test(out)) {
      out = out.slice(0, -1) + small;
      continue;
    }
    const y = SMALL_Y[char];
    if (y && /i$/.test(out)) {
      out = /(sh|ch|j)i$/.test(out) ? out.slice(0, -1) + y : `${out.slice(0, -1)}y${y}`;
      continue;
    }
    const roman = KANA[char];
    if (roman === undefined) return '';
    out += roman;
  }
  return out;
}

/** Spelling variants folded together: what Japanese renders alike. */
function fold(word: string): string {
  return word
    .toLowerCase()
    .replace(/ph/g, 'f')
    .replace(/th/g, 's')
    .replace(/sh/g, 's')
    .replace(/ch/g, 'c')
    .replace(/ts/g, 's')
    .replace(/[ckq]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/v/g, 'b')
    .replace(/l/g, 'r')
    .replace(/[zj]/g, 's')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** The consonants of a folded word: the bucket key of the sound. */
export function soundKey(word: string): string {
  return fold(word).replace(/[aeiouhw]/g, '');
}

/**
 * Distance between two words by sound: an edit costs 1, except adding or dropping a vowel (0.5),
 * which is what katakana does to English ("isutio" / "istio"). Compared after folding.
 */
export function soundDistance(a: string, b: string): number {
  const x = fold(a);
  const y = fold(b);
  const vowel = (char: string): boolean => /[aeiouhw]/.test(char);
  const cost = (char: string): number => (vowel(char) ? 0.5 : 1);
  let previous = [0];
  for (const char of y) previous.push((previous.at(-1) as number) + cost(char));
  for (let i = 1; i <= x.length; i++) {
    const xi = x[i - 1] as string;
    const current = [(previous[0] as number) + cost(xi)];
    for (let j = 1; j <= y.length; j++) {
      const yj = y[j - 1] as string;
      const substitute = (previous[j - 1] as number) + (xi === yj ? 0 : vowel(xi) && vowel(yj) ? 0.5 : 1);
      const drop = (previous[j] as number) + cost(xi);
      const insert = (current[j - 1] as number) + cost(yj);
      current.push(Math.min(substitute, drop, insert));
    }
    previous = current;
  }
  return previous[y.length] as number;
}
