/**
 * Notes and questions are untrusted text placed between delimiters in prompts. These helpers keep
 * such text from closing its own delimiters (and so from speaking outside them).
 */
export function defuse(text: string): string {
  return text.replace(/<<</g, '‹‹‹').replace(/>>>/g, '›››');
}
