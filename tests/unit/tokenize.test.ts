import { describe, expect, it } from 'vitest';
import { foldKatakana, normalizeText } from '../../src/search/normalize.js';
import { stemLatin } from '../../src/search/stem.js';
import { isStopWord } from '../../src/search/stopwords.js';
import { TOKENIZER_VERSION, analyzeText, segmenterPieces, tokenize } from '../../src/search/tokenize.js';

describe('normalizeText', () => {
  it('folds full-width letters, half-width katakana and case', () => {
    expect(normalizeText('ｉｓｔｉｏ ＩＳＴＩＯ')).toBe('istio istio');
    expect(normalizeText('ｻｰﾋﾞｽ')).toBe('サービス');
  });

  it('folds a trailing long-vowel mark of katakana words, not of short ones', () => {
    expect(foldKatakana('サーバー')).toBe('サーバ');
    expect(foldKatakana('コンテナー')).toBe('コンテナ');
    expect(foldKatakana('キー')).toBe('キー');
    expect(foldKatakana('ヴァージョン')).toBe('バージョン');
  });
});

describe('tokenize', () => {
  it('finds a full-width question word like its ASCII spelling', () => {
    expect(tokenize('ｉｓｔｉｏ')).toEqual(tokenize('istio'));
    expect(tokenize('ｉｓｔｉｏ')).toContain('istio');
  });

  it('splits Japanese written without spaces into words and kanji/katakana bigrams', () => {
    const terms = tokenize('技術的負債が多いサービス');
    expect(terms).toEqual(expect.arrayContaining(['技術', '負債', '術的', 'サービス', 'サー', 'ビス']));
    // Particles are not terms.
    expect(terms).not.toContain('が');
  });

  it('keeps English terms inside Japanese text', () => {
    const terms = tokenize('IstioにEnvoy以外のやつって使えるの？');
    expect(terms).toEqual(expect.arrayContaining(['istio', 'envoy', '以外']));
  });

  it('splits katakana compounds into known words and keeps the compound', () => {
    const [word] = analyzeText('サービスメッシュ').words;
    expect(word?.parts).toEqual(['サービス', 'メッシュ']);
    expect(word?.terms).toEqual(expect.arrayContaining(['サービスメッシュ', 'サービス', 'メッシュ']));
  });

  it('splits camelCase, hyphens, dots and underscores but keeps k8s whole', () => {
    expect(tokenize('service-mesh')).toEqual(['servic', 'mesh']);
    expect(tokenize('ServiceMesh')).toEqual(expect.arrayContaining(['servicemesh', 'servic', 'mesh']));
    expect(tokenize('k8s')).toEqual(['k8s']);
    expect(tokenize('cpu.cfs_period_us')).toEqual(expect.arrayContaining(['cpu', 'cfs', 'period']));
  });

  it('drops stop words from indexed terms', () => {
    expect(tokenize('What is the Brown Field?')).toEqual(['brown', 'field']);
    expect(tokenize('Istioって何か？')).toEqual(['istio']);
  });

  it('joins katakana words split by a middle dot', () => {
    expect(analyzeText('アーリー・バード').joins).toContain('アーリバード');
  });

  it('has a version that changes with the ICU data of Node', () => {
    expect(TOKENIZER_VERSION).toContain(String(process.versions.icu));
  });
});

describe('stemLatin', () => {
  it.each([
    ['containers', 'container'],
    ['services', 'servic'],
    ['service', 'servic'],
    ['caching', 'cach'],
    ['cache', 'cach'],
    ['libraries', 'library'],
    ['planned', 'plan'],
    ['installed', 'install'],
    ['aws', 'aws'],
    ['k8s', 'k8s'],
  ])('%s → %s', (word, stem) => {
    expect(stemLatin(word)).toBe(stem);
  });

  it('keeps a typo one edit away from its word (telepresense / telepresence)', () => {
    expect(stemLatin('telepresense')).toBe('telepresens');
    expect(stemLatin('telepresence')).toBe('telepresenc');
  });
});

describe('stop words', () => {
  it('covers question frames in both languages but not programming terms', () => {
    for (const word of ['って', 'とは', '何', 'ですか', 'what', 'is', 'the', 'how']) expect(isStopWord(word)).toBe(true);
    for (const word of ['go', 'istio', 'サービス', 'no']) expect(isStopWord(word)).toBe(false);
  });
});

describe('long runs of Japanese text', () => {
  it('go to the segmenter in pieces of at most 1,000 characters that add up to the run', () => {
    const run = `${'あ'.repeat(2_500)}、${'漢字'.repeat(600)}。${'𠮷'.repeat(700)}`;
    const pieces = segmenterPieces(run);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.map((piece) => piece.text).join('')).toBe(run);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(1_000);
      expect(run.slice(piece.offset, piece.offset + piece.text.length)).toBe(piece.text);
      // No piece starts with the second half of a surrogate pair (𠮷 is two UTF-16 units).
      expect(piece.text.charCodeAt(0) >= 0xdc00 && piece.text.charCodeAt(0) <= 0xdfff).toBe(false);
    }
  });

  it('are cut after punctuation where there is some', () => {
    const run = `${'あ'.repeat(700)}、${'い'.repeat(700)}`;
    expect(segmenterPieces(run).map((piece) => piece.text.length)).toEqual([701, 700]);
  });

  it('keep short text in one piece, and kanji bigrams across a cut as terms', () => {
    expect(segmenterPieces('短い文です')).toEqual([{ text: '短い文です', offset: 0 }]);
    // The cut falls inside 字漢 (no punctuation): that bigram is still indexed, as a join.
    const terms = tokenize('漢字'.repeat(1_000));
    expect(terms).toContain('漢字');
    expect(terms).toContain('字漢');
  });
});
