import { describe, expect, it } from 'vitest';
import { FuzzyVocabulary, withinOneEdit } from '../../src/search/fuzzy.js';

describe('withinOneEdit', () => {
  it.each([
    ['enboy', 'envoy'],
    ['feild', 'field'],
    ['trafic', 'traffic'],
    ['isto', 'istio'],
    ['istio', 'istio'],
  ])('%s ~ %s', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(true);
    expect(withinOneEdit(b, a)).toBe(true);
  });

  it.each([
    ['envoy', 'proxy'],
    ['field', 'flied'],
    ['istio', 'is'],
  ])('%s ≁ %s', (a, b) => {
    expect(withinOneEdit(a, b)).toBe(false);
  });
});

describe('FuzzyVocabulary', () => {
  const vocabulary = new FuzzyVocabulary();
  for (const term of ['envoy', 'field', 'traffic', 'istio', 'kubernet', 'proxy', 'yield']) vocabulary.add(term);
  const live = (): boolean => true;

  it('finds indexed terms one typo away', () => {
    expect(vocabulary.neighbours('enboy', live)).toEqual(['envoy']);
    expect(vocabulary.neighbours('trafic', live)).toEqual(['traffic']);
    expect(vocabulary.neighbours('feild', live)).toEqual(['field']);
    expect(vocabulary.neighbours('istoi', live)).toEqual(['istio']);
  });

  it('finds edits at the first letter too', () => {
    expect(vocabulary.neighbours('xnvoy', live)).toEqual(['envoy']);
  });

  it('does not correct short words or the word itself', () => {
    expect(vocabulary.neighbours('isto', live)).toEqual([]);
    expect(vocabulary.neighbours('envoy', live)).toEqual([]);
  });

  it('skips terms that are no longer live', () => {
    expect(vocabulary.neighbours('enboy', (term) => term !== 'envoy')).toEqual([]);
  });

  it('is fast on a large vocabulary', () => {
    const big = new FuzzyVocabulary();
    for (let i = 0; i < 50_000; i++) big.add(`term${i.toString(36)}x`);
    big.add('telepresence');
    const started = performance.now();
    for (let i = 0; i < 100; i++) big.neighbours('telepresense', live);
    expect(big.neighbours('telepresense', live)).toEqual(['telepresence']);
    expect((performance.now() - started) / 100).toBeLessThan(5);
  });
});
