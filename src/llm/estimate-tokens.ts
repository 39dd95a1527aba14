// Kana, kanji, full-width forms and CJK punctuation.
const CJK = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu;

/**
 * A token count estimate without shipping a tokenizer per model. GPT-4o-class tokenizers take
 * Japanese at roughly one token per character and English at about four characters per token;
 * counting the two apart keeps mixed notes (Japanese with English terms) inside the context
 * budget, where a flat chars/4 would overflow it and chars/1 would split notes needlessly.
 * It errs on the high side for Japanese, which is the safe side.
 */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}
