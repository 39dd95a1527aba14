import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../../src/notes/chunk.js';
import { parseNote } from '../../src/notes/parse.js';
import { answerQuestion } from '../../src/recap/answer.js';
import { answerKindMatch, answerKindOf, namedWords } from '../../src/search/question-kind.js';
import { SearchIndex } from '../../src/search/search-index.js';

/**
 * From the place a question matches to the line that answers it (answer-lines.ts), on a note of
 * our own: the speaker in the heading's byline, the date and venue in the note's head, the number
 * in a sub-bullet, the reason under "なぜ…", the definition under "…ってなに？".
 */

const file = path.resolve(import.meta.dirname, '../fixtures/answers/2024-06-12-serverless-night-hakata.md');
const note = parseNote(readFileSync(file, 'utf8'), { source: file });
const index = new SearchIndex();
index.upsertNote({ noteId: note.id, title: note.title, source: file }, chunkNote(note));

/** An index of one note of our own, written inline. */
function indexOfNote(text: string, source: string): SearchIndex {
  const inline = parseNote(text, { source });
  const inlineIndex = new SearchIndex();
  inlineIndex.upsertNote({ noteId: inline.id, title: inline.title, source }, chunkNote(inline));
  return inlineIndex;
}

const lineOf = (text: string): number => readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;

describe('answer lines', () => {
  it('cites the title line (a note\'s own H1) like any other line', () => {
    expect(chunkNote(note).some((chunk) => chunk.line === 1 && chunk.text === 'Serverless Night Hakata #3')).toBe(true);
  });

  it.each([
    ['who gave the cold start talk?', 'by @kumo_dev', 'who'],
    ['Step Functionsの話の登壇者は誰？', '登壇者: 山田さん', 'who'],
    ['When was Serverless Night Hakata #3?', '2024/06/12 Wed', 'when'],
    ['Serverless Night Hakata #3の会場はどこ？', 'GMOペパボ福岡オフィスにて', 'where'],
    ['How much does Provisioned Concurrency cost?', '$0.015', 'cost'],
    ['Step Functionsにしてバッチの実行時間はどれくらい短くなった？', '40分から12分', 'howmany'],

    ['Step Functionsに移行した理由は？', '夜間バッチが失敗しても', 'why'],
  ])('%s → the line with %s', (question, answerText, kind) => {
    const answer = answerQuestion(index, question);
    expect(answerKindOf(question, false)).toBe(kind);
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]?.line).toBe(lineOf(answerText));
    expect(answer.answer).toContain(answerText);
  });

  it('answers "why" from the bullet that asks it, showing the reasons under it', () => {
    const answer = answerQuestion(index, 'なんでコールドスタートが問題なの？');
    expect(answer.grounded).toBe(true);
    expect([lineOf('なぜコールドスタートが問題なのか'), lineOf('初回リクエストが2秒かかる')]).toContain(answer.citations[0]?.line);
    expect(answer.answer).toContain('初回リクエストが2秒かかる');
  });

  it('answers "why" from under a bullet that only repeats the question', () => {
    const answer = answerQuestion(index, 'なんでGoReleaserを使うの？');
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]?.line).toBe(lineOf('タグをpushするだけで'));
  });

  it('answers "where" with the venue line, not the title that names the city and the event', () => {
    const text = '# Kotlin Night Fukuoka #2\n\n2019/05/10 Fri\n\n株式会社ヌーラボさんにて\n\n## Coroutines入門\n\n- suspend関数の基本\n';
    const venueIndex = indexOfNote(text, 'kotlin-night.md');
    const answer = answerQuestion(venueIndex, 'Where was Kotlin Night Fukuoka #2 held?');
    expect(answer.citations[0]?.line).toBe(5);
    expect(answer.answer).toContain('株式会社ヌーラボさんにて');
  });

  it('counts a title as repeating the question even with words a question drops ("meetup")', () => {
    const text = '# SRE Meetup Fukuoka #1\n\n2019/03/13 Wed\n\nLINE Fukuoka株式会社さんにて\n\n## オープニング\n\n- SLOの話\n';
    const meetupIndex = indexOfNote(text, 'sre-meetup.md');
    expect(answerQuestion(meetupIndex, 'SRE Meetup Fukuoka #1の会場は？').citations[0]?.line).toBe(5);
  });

  it('answers "who" from the first lines under the talk\'s heading', () => {
    const opening = Array.from({ length: 8 }, (_, at) => `- 告知${at + 1}: 次回もよろしく`).join('\n');
    const text = `# Cloud Native Fukuoka #4\n\n2019/08/08 Thu\n\n## オープニング\n\n${opening}\n\n## Firecracker入門\n\nうづらさん\n\n- microVMを数百ミリ秒で起動\n  - Lambdaのバックエンド\n`;
    const talkIndex = indexOfNote(text, 'cnf-4.md');
    const speakerLine = text.split('\n').indexOf('うづらさん') + 1;
    expect(answerQuestion(talkIndex, 'Who talked about microVMs booting in milliseconds?').citations[0]?.line).toBe(speakerLine);
    // "the speaker" in a "why" question does not make it a "who" question.
    expect(answerKindOf('why did the speaker go with Alibaba Cloud?', false)).toBe('why');
  });

  it('answers "how many" from a number written just above the line the question matches', () => {
    const text = '# Data Night\n\n## 楽天のデータ基盤\n\n- 2億5千万レコード\n- Business Data Platform(担当)\n- Hadoopで集計\n';
    const dataIndex = indexOfNote(text, 'data-night.md');
    expect(answerQuestion(dataIndex, 'How big is the Business Data Platform?').citations[0]?.line).toBe(5);
  });

  it('does not take a bullet that adds its own word ("…についての誤解") for an echo of the question', () => {
    const text = '# Container Night\n\n## 基調講演\n\n- ワークロードについての誤解\n  - とりあえず全部移せばいい\n    - まずはワークロードごとに向き不向きを見る\n';
    const talkIndex = indexOfNote(text, 'container-night.md');
    expect(answerQuestion(talkIndex, 'ワークロードって何？').citations[0]?.line).toBe(5);
  });

  it('quotes the answering line under its parent bullet and section', () => {
    const answer = answerQuestion(index, 'Provisioned Concurrencyの料金は？');
    expect(answer.answer).toContain('Provisioned Concurrency (Serverless Night Hakata #3 › Lambdaのコールドスタート対策 by @kumo_dev、');
    expect(answer.answer).toContain('- 料金がかかる: 1時間あたり$0.015');
  });

  it('declines a fact question the note has no line for, quoting the nearest lines in the asker\'s language', () => {
    const answer = answerQuestion(index, 'Serverless Night Hakata #3の参加費はいくら？');
    expect(answer.grounded).toBe(false);
    expect(answer.language).toBe('ja');
    expect(answer.answer).toMatch(/^ノートにはこの質問への答えが見つかりませんでした。近い記述:\n- 「.+」 \(Serverless Night Hakata #3.*行目\)/);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('declines a question about a version the note never mentions', () => {
    expect(answerQuestion(index, 'Step Functions 2.0にしてバッチの実行時間はどれくらい短くなった？').grounded).toBe(false);
  });

  it('declines a question about a thing the note never names', () => {
    const answer = answerQuestion(index, 'How does Cloud Run handle cold starts?');
    expect(answer.grounded).toBe(false);
    expect(answer.answer).toMatch(/^The notes do not cover this\. Nearest lines:\n- "/);
  });

  it('drops chat filler: a chatty question finds the same line as a plain one', () => {
    const plain = answerQuestion(index, 'SnapStartってなに？');
    const chatty = answerQuestion(index, 'ねえ、コールドスタートの話で出てきたSnapStartってやつ何だっけ？');
    expect(chatty.grounded).toBe(true);
    // The definition, or the bullet that asks for it (its answer block shows the definition).
    const place = [lineOf('SnapStartってなに？'), lineOf('JVMの起動をスナップショット')];
    expect(place).toContain(plain.citations[0]?.line);
    expect(place).toContain(chatty.citations[0]?.line);
    expect(chatty.answer).toContain('JVMの起動をスナップショットから復元する仕組み');
  });
});

describe('question kinds', () => {
  it('reads the kind of answer a question wants, in both languages', () => {
    expect(answerKindOf('誰が話してたっけ', false)).toBe('who');
    expect(answerKindOf('How many nodes run in production?', false)).toBe('howmany');
    expect(answerKindOf('いつリリースされた？', false)).toBe('when');
    expect(answerKindOf('what is Envoy?', true)).toBe('whatis');
    expect(answerKindOf('how do I deploy it?', false)).toBe('other');
    // "when" as a conjunction does not ask for a date; a length of time is a number.
    expect(answerKindOf('When daemonizing a Go program, why keep the PID in a file?', false)).toBe('why');
    expect(answerKindOf("When's the next meetup?", false)).toBe('when');
    expect(answerKindOf('LabDayって何日間もらえるの？', false)).toBe('howmany');
  });

  it('scores lines by how much they look like that kind of answer', () => {
    expect(answerKindMatch('who', 'GopherCon 2019 Report by knsh14')).toBe(1);
    expect(answerKindMatch('who', 'Vic Iglesias, Cloud Soln Architect, Google')).toBeGreaterThan(0);
    expect(answerKindMatch('who', 'The Good, The Bad, The Ugly of Migrating')).toBe(0);
    expect(answerKindMatch('when', '2019/02/12 Tue')).toBe(1);
    expect(answerKindMatch('when', 'Google Next 2019')).toBe(0.5);
    expect(answerKindMatch('when', '去年6月に設立')).toBe(1);
    expect(answerKindMatch('howmany', '3 employees doing just cert mgmt')).toBe(1);
    expect(answerKindMatch('cost', 'チケットは3,000円')).toBe(1);
    expect(answerKindMatch('cost', '参加者 42人')).toBe(0);
    expect(answerKindMatch('why', '夜間バッチが失敗しても誰も気づかなかったから')).toBe(1);
  });

  it('finds the named things of a question', () => {
    expect(namedWords('How does Vault on k8s verify tokens?')).toEqual(['vault', 'k8s']);
    expect(namedWords('Envoyってどこの会社で使われてた？')).toEqual(['envoy']);
    expect(namedWords('What is the capital of France?')).toEqual(['france']);
    expect(namedWords('Go 1.14っていつ出る？')).toEqual(['go', '1.14']);
  });
});
