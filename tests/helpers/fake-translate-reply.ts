import type { FakeReply, RecordedRequest } from './fake-openai-server.js';

// Whole lines of the seed note a test asks about in English, translated as a model would.
const LINE_TRANSLATIONS: Record<string, string> = {
  'VM上で管理されているサービス。技術的負債が多いサービス': 'A service run on VMs. A service that carries a lot of technical debt',
  '新規で開発を行う綺麗で技術的負債が少ないサービス': 'A clean, newly developed service with little technical debt',
};

// Terms replaced inside other lines, and reported back as the reply's "terms".
const TERMS: Array<[string, string]> = [
  ['技術的負債', 'technical debt'],
  ['サービスメッシュ', 'service mesh'],
  ['コンテナ', 'container'],
];

/**
 * What a well-behaved model answers to translate prompts: every numbered line it was sent, with
 * its number, "translated" (known lines and terms into English; anything else marked with the
 * target language), the heading path likewise, and the known terms it met.
 */
export function fakeTranslateReply(request: RecordedRequest): FakeReply {
  const system = request.body.messages.find((message) => message.role === 'system')?.content ?? '';
  const user = request.body.messages.find((message) => message.role === 'user')?.content ?? '';
  const language = /into ([A-Z][a-z]+) \(([a-z-]+)\)/.exec(system)?.[1] ?? 'unknown';
  const headingPath = JSON.parse(/^Heading path: (.*)$/m.exec(user)?.[1] ?? '[]') as string[];
  const lines = [...user.matchAll(/^L(\d+): (.*)$/gm)].map((match) => ({ line: Number(match[1]), text: translate((match[2] ?? '').trim(), language) }));
  const terms = TERMS.filter(([source]) => lines.length > 0 && user.includes(source)).map(([source, text]) => ({ source, text }));
  return { text: JSON.stringify({ headingPath: headingPath.map((title) => translate(title, language)), lines, terms }) };
}

export function isTranslatePrompt(request: RecordedRequest): boolean {
  return (request.body.messages[0]?.content ?? '').startsWith('You translate');
}

function translate(text: string, language: string): string {
  const known = LINE_TRANSLATIONS[text];
  if (known !== undefined) return known;
  let out = text;
  for (const [source, target] of TERMS) out = out.replaceAll(source, target);
  // Lines without Japanese are "already English" and copied, as the prompt asks.
  return /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(out) ? `(${language}) ${out}` : out;
}
