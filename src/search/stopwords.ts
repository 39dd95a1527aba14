/**
 * Words that carry no topic: particles, auxiliaries, question words. Measured: they outrank real
 * terms unless filtered ("って", "何", "what", "is"). Dropped from queries and from indexed terms.
 *
 * Keep this list to function words. A content word here becomes unsearchable, so programming
 * terms that look like English function words stay out: "go" (the language), "no" is kept out
 * too because of "NoOps"-style splits, and so is "use" ("use cases").
 */

// Forms as Intl.Segmenter('ja') emits them after NFKC + lower case.
const JAPANESE = [
  // particles
  'の', 'は', 'が', 'を', 'に', 'へ', 'と', 'で', 'も', 'や', 'か', 'な', 'ね', 'よ', 'わ', 'ぞ', 'さ', 'て', 'た', 'だ',
  'し', 'ら', 'り', 'る', 'れ', 'ん', 'って', 'とは', 'では', 'には', 'から', 'まで', 'より', 'など', 'ので', 'のに',
  'けど', 'けれど', 'けれども', 'でも', 'だけ', 'しか', 'ほど', 'くらい', 'ぐらい', 'とか', 'について', 'という',
  'といった', 'として', 'による', 'によって', 'での', 'への', 'との', 'からの', 'かな', 'かね', 'よね', 'っけ', 'だっけ',
  // auxiliaries and light verbs
  'です', 'ですか', 'でした', 'ます', 'ました', 'ません', 'ない', 'なかった', 'なく', 'する', 'した', 'して', 'しない',
  'される', 'された', 'させる', 'できる', 'できない', 'でき', 'できます', 'ある', 'あり', 'あります', 'ありますか',
  'いる', 'います', 'いますか', 'なる', 'なった', 'なり', 'れる', 'られる', 'せる', 'ください', 'いう', 'いい', 'よい',
  'こと', 'もの', 'ため', 'よう', 'そう', 'みたい', 'らしい', 'ところ', 'どういう',
  // demonstratives and question words
  'これ', 'それ', 'あれ', 'どれ', 'この', 'その', 'あの', 'どの', 'ここ', 'そこ', 'どこ', '何', 'なに', 'なん', 'なんで',
  '何か', '何が', '何を', '何で', '何と', '何の', 'なぜ', 'どう', 'どうして', 'どうやって', 'どんな', 'いつ', 'だれ', '誰',
  'どっち', 'どちら', '教え', '教えて', '知り', '知りたい', '違い',
];

const ENGLISH = [
  'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'is', 'are', 'was', 'were', 'be', 'been', 'being',
  'am', 'do', 'does', 'did', 'done', 'doing', 'have', 'has', 'had', 'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'by',
  'for', 'with', 'from', 'about', 'as', 'into', 'than', 'then', 'and', 'or', 'but', 'if', 'so', 'not', 'this', 'that',
  'these', 'those', 'there', 'here', 'it', 'its', "it's", 'i', 'you', 'we', 'they', 'he', 'she', 'me', 'my', 'your', 'our',
  'their', 'them', 'us', 'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must', 'tell', 'explain',
  'mean', 'means', 'meaning', 'define', 'definition', 'please', 'say', 'said', 'any', 'some', 's', 't', 'also', 'just',
  'get', 'gets', 'need', 'needs', 'want', 'know', 'mentioned', 'many', 'much', 'often', 'between',
  'difference', 'differences', 'same', 'thing', 'things', 'dont', 'doesnt', 'isnt', 'arent', 'cant', 'whats', 'hows',
];

const STOP_WORDS: ReadonlySet<string> = new Set([...JAPANESE, ...ENGLISH]);

/** Whether a normalized word (NFKC, lower case, unstemmed) is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * English words that the synonym dictionary maps to junk katakana (do → ドゥー, with → ウィズ,
 * make → メイク): never used for katakana↔English expansion.
 */
export const LOANWORD_STOP_WORDS: ReadonlySet<string> = new Set([
  ...ENGLISH,
  'no', 'on', 'up', 'out', 'off', 'all', 'one', 'two', 'make', 'set', 'let', 'see', 'go', 'come', 'take', 'give', 'put',
  'like', 'very', 'much', 'more', 'most', 'new', 'old', 'good', 'best', 'big', 'top', 'over', 'only', 'even', 'now',
  'ok', 'okay', 'yes', 'hi', 'oh', 'man', 'boy', 'girl', 'mr', 'ms', 'dr', 'st', 'co', 'inc', 'ltd',
]);

/**
 * Words of how people ask in chat rather than what they ask about: dropped from questions only
 * (notes keep them). "〜で話題になってたやつ何だっけ", "誰が話してた", "per the … notes, what
 * ends up happening again?" find their answer by the remaining words; left in, they make a
 * question look half unanswered.
 */
const QUERY_FILLER = [
  // Japanese: talking about the talk, chat particles, light verbs in their segmented forms
  'やつ', '話', '話題', '話し', '話して', '話してた', '言', '言っ', '言って', '言われ', '聞い', 'してた', 'たん', 'いたって',
  '何だ', 'なんだ', 'だっけ', 'っけ', 'ねえ', 'ねぇ', 'あの', '結局', 'もともと', 'そもそも', 'ちなみに', 'やっぱり', '実際',
  '登壇', '登壇者', '発表者', '表者', '者', '発表', '出', '出て', '出てき', '出てきた', 'きた', 'てき', 'てきた', 'いくつ', 'どれくらい', 'どのくらい', 'くらい',
  'ぐらい', '理由', 'きっかけ', '会場', '場所', '開催地', '開催日', '日時', '日付', '何人', '何個', '何回', '何年', '何時', '何台', '何件', '何社', 'いくら', 'す', 'ば', 'まとめ', '挙', 'げ', 'われ', '使',
  // English
  'hey', 'hi', 'quick', 'q', 'per', 'notes', 'note', 'talk', 'talks', 'someone', 'somebody', 'mentioned', 'mention', 'again',
  'ends', 'end', 'up', 'happening', 'exactly', 'basically', 'actually', 'really', 'remember', 'recall', 'says', 'talked',
  'talking', 'gave', 'give', 'giving', 'presented', 'presenting', 'according', 'roughly', 'approximately', 'wasnt', 'kind',
  'sort', 'ok', 'okay', 'like', 'um', 'uh', 'anyway', 'wait', 'btw', 'something', 'anything', 'guy', 'folks', 'did', 'speaker',
  'speakers', 'presenter', 'presentation', 'session', 'meetup', 'event', 'there', 'supposed', 'point', 'main', 'take', 'took',
  'place', 'held', 'happen', 'happened', 'located', 'reason', 'reasons', 'venue', 'city', 'one', 'ones', 'stuff',
];

const QUERY_FILLER_WORDS: ReadonlySet<string> = new Set(QUERY_FILLER);

/** Whether a normalized question word is chat filler (see QUERY_FILLER). */
export function isQueryFiller(word: string): boolean {
  return QUERY_FILLER_WORDS.has(word);
}
