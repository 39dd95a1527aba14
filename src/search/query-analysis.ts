import { abbreviationsOf } from './abbreviations.js';
import { glossaryEnglish, glossaryKanji } from './kanji-glossary.js';
import { englishForKanji, kanjiForEnglish } from './kanji-terms.js';
import { englishForKatakana, katakanaForEnglish } from './loanwords.js';
import { hasJapanese, normalizeText } from './normalize.js';
import { type AnalyzedWord, analyzeText, isLatinTerm, stemLatin, tokenize } from './tokenize.js';
import { MIN_FUZZY_TERM_CHARS } from './fuzzy.js';
import { isQueryFiller } from './stopwords.js';

/**
 * Turns a question into "slots": one per content word, each with alternative representations
 * (the word's own terms, its katakana↔English translations, typo neighbours). A note matches a
 * slot through its best representation, so サービス and service are one concept, not two, and
 * every slot weighs the same whatever language the note is in.
 */

export type RepresentationKind = 'native' | 'translation' | 'fuzzy';

export interface SlotRepresentation {
  kind: RepresentationKind;
  /** Multiplier on the slot's weight when a note matches through this representation. */
  weight: number;
  terms: string[];
}

export interface QuerySlot {
  /** The question word this slot stands for (for explanations and tests). */
  label: string;
  /** Relative importance before IDF: 1 for content words, less for kana-only words and phrases. */
  importance: number;
  /** Adjacency of other words (a bonus): weighs nothing when the notes never have it. */
  phrase?: boolean;
  representations: SlotRepresentation[];
}

export interface AnalyzedQuery {
  slots: QuerySlot[];
  /** "what is X", "Xとは", "Xって何": definitions deserve a boost. */
  definitional: boolean;
  /** Whether the question is written in Japanese (for messages). */
  japanese: boolean;
}

/** What query analysis needs to know about the index vocabulary. */
export interface VocabularyView {
  /** Live documents containing the term (0 when unknown). */
  documentFrequency(term: string): number;
  /** Indexed Latin terms one edit away from a term. */
  fuzzyNeighbours(term: string): string[];
}

// Translations are the same concept in the other language, only slightly less certain.
export const TRANSLATION_WEIGHT = 0.85;
// A dictionary's usual meaning of a word, not a term checked against meetup notes.
const GLOSSARY_WEIGHT = 0.8;
// A typo neighbour of a word the notes also contain spelled right ("field" → "Feild").
export const KNOWN_FUZZY_WEIGHT = 0.6;
// A word in at most this many chunks may be a typo itself.
const RARE_TERM_DOCS = 3;
// The neighbour of a word the notes never contain is almost certainly what was meant ("Isto").
export const UNKNOWN_FUZZY_WEIGHT = 0.8;
// A base word found by stripping a derivational suffix (containerization → container).
const DERIVED_WEIGHT = 0.8;
const MIN_DERIVED_SOURCE_CHARS = 7;
const DERIVATION_SUFFIXES = ['izations', 'ization', 'isation', 'ations', 'ation', 'ments', 'ment', 'ities', 'ity', 'ness', 'ers', 'er'];
// Kana-only words that survived the stop list are weak evidence (なぞって, とりあえず).
const KANA_IMPORTANCE = 0.5;
// Kanji with kana endings are verbs and adjectives (使われる, 多い): part of the question, rarely its topic.
const INFLECTED_IMPORTANCE = 0.6;
// Adjacency (kanji bigrams across words, katakana compounds of English phrases) is a bonus.
const PHRASE_IMPORTANCE = 0.4;

const DEFINITIONAL_EN =
  /^\s*(what|who)('s|\s+(is|are|was|were)\b)|\bwhat\s+(does|do)\b.*\bmean\b|\b(meaning|definition)\s+of\b|^\s*define\b|\bstand\s+for\b/;
const DEFINITIONAL_JA = /とは|って何|ってなに|ってなん|って[?？]?\s*$|ってどういう|ってどんな|の意味|何ですか|なんですか|とはなにか/;

/** Analyzes a question into weighted slots. */
export function analyzeQuery(question: string, vocabulary: VocabularyView): AnalyzedQuery {
  const normalized = normalizeText(question);
  const { words, joins } = analyzeText(question);
  const content = words.filter((word) => !word.stop && !isQueryFiller(word.text) && word.terms.length > 0);
  const slots: QuerySlot[] = content.map((word) => wordSlot(word, vocabulary));
  const phrase = [...joins, ...englishCompounds(content)];
  if (phrase.length > 0) {
    slots.push({ label: phrase.join(' '), importance: PHRASE_IMPORTANCE, phrase: true, representations: [{ kind: 'native', weight: 1, terms: unique(phrase) }] });
  }
  return {
    slots: mergeDuplicateSlots(slots),
    definitional: DEFINITIONAL_EN.test(normalized) || DEFINITIONAL_JA.test(normalized),
    japanese: hasJapanese(question),
  };
}

function wordSlot(word: AnalyzedWord, vocabulary: VocabularyView): QuerySlot {
  const representations: SlotRepresentation[] = [{ kind: 'native', weight: 1, terms: word.terms }];
  const derived = derivedForms(word).filter((form) => !word.latin.includes(form));
  const derivedTerms = unique(derived.map(stemLatin)).filter((term) => !word.terms.includes(term) && vocabulary.documentFrequency(term) > 0);
  if (derivedTerms.length > 0) representations.push({ kind: 'native', weight: DERIVED_WEIGHT, terms: derivedTerms });
  const translated = translationTerms(word, derived).filter((term) => !word.terms.includes(term));
  if (translated.length > 0) representations.push({ kind: 'translation', weight: TRANSLATION_WEIGHT, terms: translated });
  // Kanji translations stand apart from katakana ones: a note with 運用 matches "operations"
  // fully, not diluted by the rare bigrams of オペレーション it lacks.
  const kanji = kanjiTerms(word).filter((term) => !word.terms.includes(term));
  if (kanji.length > 0) representations.push({ kind: 'translation', weight: TRANSLATION_WEIGHT, terms: kanji });
  // Dictionary words (EDICT) for what our list lacks: less sure, and only terms the notes use.
  const glossary = kanji.length > 0 || englishForKanji(word.text).length > 0 ? [] : glossaryTerms(word).filter((term) => !word.terms.includes(term) && vocabulary.documentFrequency(term) > 0);
  if (glossary.length > 0) representations.push({ kind: 'translation', weight: GLOSSARY_WEIGHT, terms: glossary });
  // サービスメッシュ → "servicemesh", the way English notes sometimes write it: an alternative of
  // its own, so notes that write "service mesh" are not marked down for lacking the compound.
  const compound = englishCompound(word);
  if (compound) representations.push({ kind: 'translation', weight: TRANSLATION_WEIGHT, terms: [compound] });
  const typos = translated.filter((term) => isLatinTerm(term) && vocabulary.documentFrequency(term) === 0).flatMap((term) => vocabulary.fuzzyNeighbours(term));
  if (typos.length > 0) representations.push({ kind: 'fuzzy', weight: TRANSLATION_WEIGHT * UNKNOWN_FUZZY_WEIGHT, terms: unique(typos) });
  representations.push(...fuzzyRepresentations(word, vocabulary));
  return { label: word.text, importance: importanceOf(word), representations };
}

/** Nouns carry the topic; inflected words (使われる, 変わる) and kana-only words less so. */
function importanceOf(word: AnalyzedWord): number {
  if (word.kind !== 'kana') return 1;
  return /\p{Script=Han}/u.test(word.text) ? INFLECTED_IMPORTANCE : KANA_IMPORTANCE;
}

/**
 * Base words of long English derivations the stemmer leaves apart (containerization ≠ container,
 * deployment ≠ deploy): "containerization" → "container".
 */
function derivedForms(word: AnalyzedWord): string[] {
  if (word.kind !== 'latin' || word.text.length < MIN_DERIVED_SOURCE_CHARS) return [];
  const forms = new Set<string>();
  for (const suffix of DERIVATION_SUFFIXES) {
    if (!word.text.endsWith(suffix)) continue;
    const base = word.text.slice(0, -suffix.length);
    if (base.length >= 4) forms.add(base);
  }
  return [...forms];
}

/** Katakana or kanji word → English stems; English word → katakana and kanji terms (bigrams and words). */
function translationTerms(word: AnalyzedWord, derived: string[]): string[] {
  // Kanji with kana endings are verbs and adjectives (難しい, 遅い): listed whole in the glossary.
  if (word.kind === 'kanji' || (word.kind === 'kana' && /\p{Script=Han}/u.test(word.text))) {
    const terms = new Set<string>();
    for (const entry of englishForKanji(word.text)) for (const term of tokenize(entry)) terms.add(term);
    return [...terms];
  }
  if (word.kind === 'katakana') {
    const english = new Set<string>(englishForKatakana(word.text));
    for (const part of word.parts) for (const entry of englishForKatakana(part)) english.add(entry);
    const terms = new Set<string>();
    for (const entry of english) for (const term of tokenize(entry)) terms.add(term);
    return [...terms];
  }
  if (word.kind === 'latin') {
    const terms = new Set<string>();
    for (const form of [...word.latin, ...derived]) {
      for (const katakana of katakanaForEnglish(form)) for (const term of tokenize(katakana)) terms.add(term);
      for (const other of abbreviationsOf(form)) for (const term of tokenize(other)) terms.add(term);
    }
    return [...terms];
  }
  return [];
}

/** English word → the terms of its kanji equivalents (operations → 運用). */
function kanjiTerms(word: AnalyzedWord): string[] {
  if (word.kind !== 'latin') return [];
  const terms = new Set<string>();
  for (const form of word.latin) for (const kanji of kanjiForEnglish(form)) for (const term of tokenize(kanji)) terms.add(term);
  return [...terms];
}

/** Kanji word → English terms, English word → kanji terms, from the dictionary (kanji-glossary.ts). */
function glossaryTerms(word: AnalyzedWord): string[] {
  const terms = new Set<string>();
  if (word.kind === 'latin') {
    for (const form of word.latin) for (const kanji of glossaryKanji(form)) for (const term of tokenize(kanji)) terms.add(term);
  } else if (/\p{Script=Han}/u.test(word.text)) {
    for (const english of glossaryEnglish(word.text)) for (const term of tokenize(english)) terms.add(term);
  }
  return [...terms];
}

function fuzzyRepresentations(word: AnalyzedWord, vocabulary: VocabularyView): SlotRepresentation[] {
  if (word.kind !== 'latin') return [];
  const known: string[] = [];
  const unknown: string[] = [];
  for (const term of word.terms) {
    if (!isLatinTerm(term) || term.length < MIN_FUZZY_TERM_CHARS) continue;
    const frequency = vocabulary.documentFrequency(term);
    if (frequency === 0) {
      unknown.push(...vocabulary.fuzzyNeighbours(term));
    } else {
      // A typo is rarer than the word it misspells, so more common neighbours are other words,
      // unless the asked word is itself rare enough to be a typo the notes share ("Feild").
      known.push(
        ...vocabulary
          .fuzzyNeighbours(term)
          .filter((neighbour) => frequency <= RARE_TERM_DOCS || vocabulary.documentFrequency(neighbour) <= frequency),
      );
    }
  }
  const representations: SlotRepresentation[] = [];
  if (unknown.length > 0) representations.push({ kind: 'fuzzy', weight: UNKNOWN_FUZZY_WEIGHT, terms: unique(unknown) });
  if (known.length > 0) representations.push({ kind: 'fuzzy', weight: KNOWN_FUZZY_WEIGHT, terms: unique(known) });
  return representations;
}

/** The one-word English form of a katakana compound: サービスメッシュ → "servicemesh". */
function englishCompound(word: AnalyzedWord): string | null {
  if (word.kind !== 'katakana' || word.parts.length < 2) return null;
  const firsts = word.parts.map((part) => englishForKatakana(part)[0]);
  if (firsts.some((english) => english === undefined || english.includes(' '))) return null;
  return firsts.join('');
}

/** "service mesh" → サービスメッシュ: adjacent English words whose katakana forms make a compound. */
function englishCompounds(words: AnalyzedWord[]): string[] {
  const compounds: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const first = words[i];
    const second = words[i + 1];
    if (first?.kind !== 'latin' || second?.kind !== 'latin') continue;
    const firstKana = katakanaForEnglish(first.text)[0];
    const secondKana = katakanaForEnglish(second.text)[0];
    if (firstKana && secondKana) compounds.push(firstKana + secondKana);
  }
  return compounds;
}

/** The same word twice in a question counts once. */
function mergeDuplicateSlots(slots: QuerySlot[]): QuerySlot[] {
  const seen = new Set<string>();
  return slots.filter((slot) => {
    const key = slot.representations[0]?.terms.join('\u0000') ?? slot.label;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
