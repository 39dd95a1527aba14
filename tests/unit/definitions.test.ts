import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/domain/note.js';
import { definitionOf } from '../../src/notes/definitions.js';

function chunk(text: string, children: string[] = [], section = ['Talk']): Chunk {
  return {
    id: `n:10`,
    noteId: 'n',
    section,
    line: 10,
    text,
    children: children.map((child, index) => ({ line: 11 + index, text: child, depth: 1 })),
  };
}

describe('definitionOf', () => {
  it.each([
    ['Envoy - Lyft製のL7プロキシ', 'Envoy', 'Lyft製のL7プロキシ'],
    ['Sidecar: Podごとにproxyを置くパターン', 'Sidecar', 'Podごとにproxyを置くパターン'],
    ['CNI - Container Network Interface', 'CNI', 'Container Network Interface'],
    ['サービスメッシュとは、サービス間通信を管理する仕組み', 'サービスメッシュ', 'サービス間通信を管理する仕組み'],
    ['Istioはサービスメッシュの実装の一つです', 'Istio', 'サービスメッシュの実装の一つです'],
  ])('reads "%s"', (text, term, definition) => {
    expect(definitionOf(chunk(text))).toEqual({ term, definition, line: 10 });
  });

  it('reads a short term whose first child explains it', () => {
    expect(definitionOf(chunk('Brown Field', ['VM上で管理されているサービス。技術的負債が多いサービス']))).toEqual({
      term: 'Brown Field',
      definition: 'VM上で管理されているサービス。技術的負債が多いサービス',
      line: 10,
    });
    expect(definitionOf(chunk('Helm', ['A package manager for Kubernetes']))?.term).toBe('Helm');
  });

  it.each([
    ['なぜサービスメッシュなのか', ['開発のスケーラビリティ向上のためのシステム']],
    ['IstioにEnvoy以外のやつって使えるの？', ['不明']],
    ['L4 - L7 Proxy', []],
    ['10:30 - 11:00 休憩', []],
    ['Kubernetes Crossing the Chasm - Speaker Deck', []],
    ['values: {{ toYaml .Values }}', []],
    ['Tetrate.io', ['去年6月に設立']],
    ['コスト感は？', ['思ったより安い']],
    ['', []],
  ])('does not take "%s" for a definition', (text, children) => {
    expect(definitionOf(chunk(text, children))).toBeNull();
  });

  it('does not split a section heading at its colon', () => {
    const heading = chunk('Recap: Intro to ServiceMesh', ['Workshop'], ['Recap: Intro to ServiceMesh']);
    expect(definitionOf(heading)).toBeNull();
  });
});
