import { findSpeakers } from '../notes/speakers.js';
import { normalizeText } from './normalize.js';

/**
 * What kind of answer a question wants (who, when, where, how many, why, what is) and how much a
 * line of the notes looks like that kind of answer: a speaker's name or @handle, a date or time,
 * a place, a number with its unit, a reason. The answering line is chosen with it (answer-lines.ts).
 */

export type AnswerKind = 'who' | 'when' | 'where' | 'cost' | 'howmany' | 'why' | 'whatis' | 'other';

// Kinds whose answer is a fact a line either states or does not: without a line that looks like
// it (a name for "who", a date for "when"), the notes do not answer the question.
export const FACT_KINDS: ReadonlySet<AnswerKind> = new Set(['who', 'when', 'where', 'cost', 'howmany']);

// Order matters: "how long ago" is a number, "when" a date; "what time" is a time, not a definition.
const QUESTION_KINDS: ReadonlyArray<readonly [AnswerKind, RegExp]> = [
  ['who', /\bwho(m|se)?\b|誰|だれ/],
  // "why did the speaker go with Alibaba Cloud?" asks why; "the speaker of X?" asks who.
  ['why', /\bwhy\b|なぜ|なんで|どうして/],
  ['cost', /いくら|参加費|料金|値段|価格|チケット代|入場料|\b(price|cost|fee|fees|priced)\b|\bhow much (was|is|were|are|does|did|do)\b.*\b(ticket|entry|admission|book|it cost)/],
  ['howmany', /何日間|何時間|何週間|何[ヶかカ]月|\bhow\s+(many|much|big|large|long|fast|often|old|far|high|slow|small)\b|\bnumber of\b|\bwhat (percentage|share|size)\b|何人|何個|何件|何台|何回|何社|何年|何倍|何割|何%|何パーセント|何行|何秒|何分|何万|何ミリ|いくつ|いくら|どれくらい|どれぐらい|どのくらい|どのぐらい|規模/],
  // "When daemonizing …, why …" uses "when" as a conjunction: only "when is / was / 's …" asks for a date.
  ['when', /\bwhen(?:'s|’s|\?|\s+(?:is|was|were|are|does|did|do|will|would|can|could|should|has|have|had)\b)|^\W*when\W*$|\bwhat (time|date|day|year|month)\b|\bwhich (day|date|year|month)\b|いつ|何時|何日|何月|日時|日付|開催日/],
  // "Where can I download …" asks for a resource, not a venue.
  ['where', /\bwhere\b(?!\s+(?:can|do|does|should|could|would)\s+(?:i|we|you|one)\s+(?:download|find|get|see|read|watch|learn|buy|sign))|\bwhich (city|venue|country|place|office)\b|\bwhat (city|venue|country|place)\b|\bvenue\b|どこ|会場|場所|開催地/],
  ['who', /\b(speaker|presenter)s?\b|登壇者|発表者|スピーカー|講演者/],
  ['why', /\bwhy\b|\breasons?\b|\bwhat (made|led|kicked|caused|motivated)\b|なぜ|なんで|どうして|理由|きっかけ|動機/],
];

/** The kind of answer a question asks for; `definitional` questions ("what is X", "Xとは") are whatis. */
export function answerKindOf(question: string, definitional: boolean): AnswerKind {
  const text = normalizeText(question);
  for (const [kind, pattern] of QUESTION_KINDS) if (pattern.test(text)) return kind;
  return definitional ? 'whatis' : 'other';
}

const DATE =
  /\b(19|20)\d{2}\s*[/.-]\s*\d{1,2}|\b\d{1,2}\/\d{1,2}\b|\d{1,2}月|(去|昨|今|来)年|(先|今|来)月|(19|20)\d{2}年|\b\d{1,2}:\d{2}\b|\b(mon|tue|wed|thu|fri|sat|sun)(day)?\b|[月火水木金土日]曜|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|午前|午後|\b\d{1,2}\s*(am|pm)\b/;
const PLACE =
  /にて|会場|で開催|開催地|場所|\bvenue\b|\bheld (at|in)\b|\bhosted (at|by)\b|オフィス|\boffice\b|ビル|ホール|\bhall\b|大学|\buniversity\b|\bcenter\b|センター|福岡|博多|天神|東京|大阪|梅田|京都|神戸|名古屋|札幌|沖縄|岡山|横浜|渋谷|六本木|\bfukuoka\b|\btokyo\b|\bosaka\b|\bkyoto\b|\bsan francisco\b|サンフランシスコ|\bseattle\b|\bbarcelona\b|\bcopenhagen\b|\bbordeaux\b|ボルドー|\bparis\b|\blondon\b|\bberlin\b|\bportland\b|\bcleveland\b|\bchicago\b|\baustin\b/;
const NUMBER_WITH_UNIT =
  /\d[\d,.]*\s*(k\b|m\b|b\b|%|x\b|倍|人|名|件|台|個|万|億|千|社|回|年|ヶ月|か月|ヵ月|日|時間|分|秒|行|円|ドル|割|ms\b|sec|s\b|gb|mb|tb|kb|rps|qps|loc|lines?\b|employees|accounts|users|nodes|services|serv\b|vms?\b|pods?\b|clusters?\b|apps?\b|requests|times|people|members|minutes|hours|days|weeks|months|years|percent|million|billion|thousand)|[$¥]\s*\d|約\s*\d|\d\s*以上|\bover \d|~\s*\d|\d+\s*[-~〜]\s*\d+/;
const DIGIT = /\d/;
const YEAR = /\b(19|20)\d{2}\b/;
const MONEY = /[$¥€£]\s*\d|\d[\d,.]*\s*(円|yen|usd|dollars?|ドル|ユーロ|euros?)|無料|\bfree\b|有料/;
const REASON = /ため|から[。、,]?$|から[、,]|ので|のせい|せい[。]?$|おかげ|により|によって|理由|\bbecause\b|\bsince\b|\bso that\b|\bdue to\b|\bin order to\b|\breasons?\b|\bcaused\b|\bleads? to\b|→|->|=>/;
const SPEAKER_WORDS = /登壇者|発表者|講演者|スピーカー|\bspeakers?\b|\bpresented by\b|^by\s|\bby\s+\[?[A-Z]/;
// A title's byline with a lower-case handle: "GopherCon 2019 Report by knsh14", "… by @x".
const BYLINE = /\bby\s+@?([a-z0-9_][\w.-]*)\s*(?:[)）\]]|$)/i;
const NOT_A_BYLINE = new Set(['default', 'design', 'hand', 'example', 'itself', 'themselves', 'now', 'far', 'then', 'name', 'step', 'us', 'me', 'them', 'it', 'one', 'all']);
// A line that is a name and さん ("うづらさん", "kenichirou_kimuraさん (@kimura)"): names in
// hiragana or with underscores that a speaker list in running text would not risk.
const NAME_SAN_LINE = /^(?!みなさん|皆さん|お客さん)[\p{L}\p{N}_.・ー-]{1,24}さん\s*(?:$|[(（|/／]|@)/u;
// "Vic Iglesias, Cloud Soln Architect, Google", "Abby Fuller - Sr Tech Evangelist, AWS"
const NAME_AND_ROLE = /^[A-Z][a-z]+(\s+[A-Z][a-z]+){1,2}\s*([,\-–—(|@&]|$)/;
// … but not a title that starts like one ("The Good, The Bad", "How Docker Works").
const NOT_A_FIRST_NAME = /^(the|a|an|how|what|why|when|where|who|which|this|that|our|my|your|use|using|getting|building|intro|introduction|lessons|about|from|to|with|for|in|on|at|of|and|or|is|are|do|does|new|all|every|some)\b/i;

/** How much a line looks like the answer to a question of `kind` (0..1). */
export function answerKindMatch(kind: AnswerKind, text: string): number {
  if (kind === 'who') {
    if (SPEAKER_WORDS.test(text) || findSpeakers([text]).length > 0 || NAME_SAN_LINE.test(text.trim())) return 1;
    const byline = BYLINE.exec(text);
    if (byline?.[1] && !NOT_A_BYLINE.has(byline[1].toLowerCase())) return 1;
    const trimmed = text.trim();
    return NAME_AND_ROLE.test(trimmed) && !NOT_A_FIRST_NAME.test(trimmed) ? 0.8 : 0;
  }
  const normalized = normalizeText(text);
  if (kind === 'when') return DATE.test(normalized) ? 1 : YEAR.test(normalized) ? 0.5 : 0;
  if (kind === 'where') return PLACE.test(normalized) ? 1 : 0;
  if (kind === 'cost') return MONEY.test(normalized) ? 1 : 0;
  if (kind === 'howmany') return NUMBER_WITH_UNIT.test(normalized) ? 1 : DIGIT.test(normalized) ? 0.5 : 0;
  if (kind === 'why') return REASON.test(normalized) ? 1 : 0;
  return 0;
}

const VERSION = /(?<![\d.])\d+\.\d+(?:\.\d+)?(?![\d.])/g;
const LATIN_WORD = /[A-Za-z][A-Za-z0-9.+#_-]*[A-Za-z0-9+#]|[A-Za-z]/g;
// Capitalised for grammar, not because they name something.
const CAPITALISED_WORDS = new Set(['i', 'ok', 'hey', 'hi', 'per', 'so', 'btw', 'q', 'faq']);

/**
 * The words of a question that name a thing (a product, a project, a person, an event): Latin
 * words in a Japanese question; in English, words capitalised mid-sentence, written in capitals
 * or with digits (Envoy, CNCF, k8s, CNDF2019). The answer must mention them: a property of one
 * project is no answer about another. Normalized like query words (lower case).
 */
export function namedWords(question: string): string[] {
  const text = question.normalize('NFKC');
  const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text);
  const names = new Set<string>();
  for (const match of text.matchAll(LATIN_WORD)) {
    const word = match[0];
    const lower = word.toLowerCase();
    if (CAPITALISED_WORDS.has(lower) || word.length < 2) continue;
    const sentenceStart = /(^|[.?!:;]\s*|["'(]\s*)$/.test(text.slice(0, match.index));
    const named = japanese || /\d/.test(word) || /.[A-Z]/.test(word) || (/^[A-Z]/.test(word) && !sentenceStart);
    if (named) names.add(lower);
  }
  // A version ("Go 1.14", "Vault 0.9") names a release as much as a word names a product.
  for (const match of text.matchAll(VERSION)) names.add(match[0]);
  return [...names];
}
