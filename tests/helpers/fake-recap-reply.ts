import type { FakeReply, RecordedRequest } from './fake-openai-server.js';

/**
 * What a well-behaved model answers to recap prompts: for a summary prompt, one talk per heading
 * of the numbered note lines it was sent, citing the heading's first items; for a combining
 * prompt, an overview. Tests read back how many of each were asked for.
 */
export function fakeRecapReply(request: RecordedRequest): FakeReply {
  const system = request.body.messages.find((message) => message.role === 'system')?.content ?? '';
  const user = request.body.messages.find((message) => message.role === 'user')?.content ?? '';
  const language = /in ([A-Z][a-z]+) \(([a-z-]+)\)/.exec(system)?.[1] ?? 'unknown';
  if (isCombinePrompt(request)) return { text: JSON.stringify({ overview: `Combined ${language} overview.` }) };
  const lines = [...user.matchAll(/^L(\d+): (.*)$/gm)].map((match) => ({ line: Number(match[1]), text: match[2] ?? '' }));
  const talks: Array<{ title: string; line: number; speakers: string[]; keyPoints: Array<{ text: string; line: number }> }> = [];
  for (const [index, entry] of lines.entries()) {
    if (!entry.text.startsWith('#')) continue;
    const items = [];
    for (const next of lines.slice(index + 1)) {
      if (next.text.startsWith('#') || items.length === 3) break;
      items.push({ text: `${language}: ${next.text.replace(/^\s*-\s*/, '')}`, line: next.line });
    }
    if (items.length > 0) talks.push({ title: entry.text.replace(/^#+\s*/, ''), line: entry.line, speakers: [], keyPoints: items });
  }
  const terms = talks.slice(0, 2).map((talk) => ({ term: talk.title, definition: `${language} definition`, line: talk.line }));
  return { text: JSON.stringify({ overview: `A ${language} recap.`, talks, terms, speakers: [] }) };
}

export function isCombinePrompt(request: RecordedRequest): boolean {
  return (request.body.messages[0]?.content ?? '').startsWith('You combine');
}
