/**
 * Builds src/search/data/loanwords.json: katakana ↔ English (Latin) word pairs from Sudachi's
 * synonym dictionary (npm sudachi-synonyms-dictionary, a devDependency). Entries of one synonym
 * group that share a vocabulary number are spellings of the same word (サービス / service), so
 * every katakana spelling is paired with every Latin one. The 14 MB source stays out of the
 * runtime: the bot loads only the compact result.
 *
 * Run: npm run build:loanwords
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldKatakana, isKatakanaWord, normalizeText } from '../src/search/normalize.js';
import { LOANWORD_STOP_WORDS } from '../src/search/stopwords.js';

interface SynonymItem {
  expandControl: 0 | 1 | 2;
  vocabularyNumber: number | undefined;
  bunya: string[];
  midashi: string;
}
interface SynonymGroup {
  id: string;
  items: SynonymItem[];
}

// Person and character names pair common words with junk (ジョン ↔ john); everything else stays.
const EXCLUDED_FIELDS = new Set(['人名', 'キャラ']);
// Phrases longer than this are titles or organisation names, not terms a question would use.
const MAX_PHRASE_WORDS = 3;
const MIN_WORD_CHARS = 2;
// A vocabulary with many spellings is a name cluster (company aliases), not a loanword.
const MAX_SPELLINGS_PER_SIDE = 6;
const LATIN = /^[a-z][a-z0-9 .&'-]*$/;

/**
 * Common IT loanwords that Sudachi's dictionary lacks, written for this project (not derived from
 * Sudachi): product names as Japanese speakers spell them and jargon of infrastructure talks.
 */
const IT_LOANWORDS: Record<string, string> = {
  ガベージ: 'garbage',
  ガベージコレクション: 'garbage collection',
  サーバーレス: 'serverless',
  サーバレス: 'serverless',
  ポッド: 'pod',
  オブザーバビリティ: 'observability',
  メトリック: 'metric',
  メトリクス: 'metrics',
  プルリクエスト: 'pull request',
  プルリク: 'pull request',
  リファクタ: 'refactor',
  スタブ: 'stub',
  フィクスチャ: 'fixture',
  ロールアウト: 'rollout',
  エグレス: 'egress',
  シャーディング: 'sharding',
  モノリス: 'monolith',
  マネージド: 'managed',
  トランスパイル: 'transpile',
  ジェネリクス: 'generics',
  デコレータ: 'decorator',
  エクスポーター: 'exporter',
  オンコール: 'on-call',
  ポストモーテム: 'postmortem',
  バジェット: 'budget',
  エンクリプション: 'encryption',
  フォールバック: 'fallback',
  ネームスペース: 'namespace',
  ビルドパック: 'buildpack',
  ハンズオン: 'hands-on',
  アーティファクト: 'artifact',
  アジャイル: 'agile',
  マイクロサービス: 'microservice',
  コントロールプレーン: 'control plane',
  データプレーン: 'data plane',
  クバネティス: 'kubernetes',
  クーバネティス: 'kubernetes',
  クーベネティス: 'kubernetes',
  イスティオ: 'istio',
  エンボイ: 'envoy',
  アンボイ: 'envoy',
  プロメテウス: 'prometheus',
  グラファナ: 'grafana',
  ヘルム: 'helm',
  テラフォーム: 'terraform',
  アンシブル: 'ansible',
  ジェンキンス: 'jenkins',
  ギットハブ: 'github',
  ギットラボ: 'gitlab',
  カフカ: 'kafka',
  エラスティックサーチ: 'elasticsearch',
  レディス: 'redis',
  ゴールーチン: 'goroutine',
  タイプスクリプト: 'typescript',
  ジャバスクリプト: 'javascript',
  パイソン: 'python',
  ラスト: 'rust',
};

const here = path.dirname(fileURLToPath(import.meta.url));
const outputPath = path.resolve(here, '../src/search/data/loanwords.json');

function loadDictionary(): { groups: SynonymGroup[]; version: string } {
  // The package's ESM entry is broken and its exports hide the JSON: resolve the CommonJS entry.
  const require = createRequire(import.meta.url);
  const entry = require.resolve('sudachi-synonyms-dictionary');
  const dir = path.dirname(entry);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  const groups = JSON.parse(readFileSync(path.join(dir, 'sudachi-synonyms-dictionary.json'), 'utf8')) as SynonymGroup[];
  return { groups, version: pkg.version };
}

function katakanaForm(midashi: string): string | null {
  const text = normalizeText(midashi).replace(/[・\s]/g, '');
  if (!isKatakanaWord(text)) return null;
  const folded = foldKatakana(text);
  return folded.length >= MIN_WORD_CHARS ? folded : null;
}

function latinForm(midashi: string): string | null {
  const text = normalizeText(midashi).trim().replace(/\s+/g, ' ');
  if (!LATIN.test(text) || text.length < MIN_WORD_CHARS) return null;
  const words = text.split(' ');
  if (words.length > MAX_PHRASE_WORDS || words.every((word) => LOANWORD_STOP_WORDS.has(word))) return null;
  return text;
}

function extractPairs(groups: SynonymGroup[]): Map<string, Set<string>> {
  const pairs = new Map<string, Set<string>>();
  for (const group of groups) {
    const byVocabulary = new Map<number, SynonymItem[]>();
    for (const item of group.items) {
      // 2 = "never expand" (kept in the source only as a deletion record).
      if (item.expandControl === 2 || item.bunya.some((field) => EXCLUDED_FIELDS.has(field))) continue;
      const key = item.vocabularyNumber ?? 0;
      byVocabulary.set(key, [...(byVocabulary.get(key) ?? []), item]);
    }
    for (const items of byVocabulary.values()) {
      const katakana = unique(items.map((item) => katakanaForm(item.midashi)));
      const latin = unique(items.map((item) => latinForm(item.midashi)));
      if (katakana.length === 0 || latin.length === 0) continue;
      if (katakana.length > MAX_SPELLINGS_PER_SIDE || latin.length > MAX_SPELLINGS_PER_SIDE) continue;
      for (const kana of katakana) {
        const set = pairs.get(kana) ?? new Set<string>();
        for (const word of latin) set.add(word);
        pairs.set(kana, set);
      }
    }
  }
  return pairs;
}

function unique(values: Array<string | null>): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

function addProjectLoanwords(pairs: Map<string, Set<string>>): void {
  for (const [kana, english] of Object.entries(IT_LOANWORDS)) {
    const key = katakanaForm(kana);
    const word = latinForm(english);
    if (!key || !word) throw new Error(`bad project loanword ${kana} = ${english}`);
    pairs.set(key, new Set([...(pairs.get(key) ?? []), word]));
  }
}

function main(): void {
  const { groups, version } = loadDictionary();
  const pairs = extractPairs(groups);
  addProjectLoanwords(pairs);
  const entries: Record<string, string> = {};
  for (const kana of [...pairs.keys()].sort()) entries[kana] = [...(pairs.get(kana) ?? [])].sort().join('|');
  const digest = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 12);
  const data = {
    attribution:
      'Katakana-English pairs derived from the Sudachi synonym dictionary (SudachiDict synonyms), ' +
      '(c) Works Applications Co., Ltd., licensed under the Apache License 2.0; ' +
      `read from the npm package sudachi-synonyms-dictionary@${version} by azu; ` +
      'plus a short list of IT loanwords written for this project (scripts/build-loanwords.ts). See NOTICE.md.',
    license: 'Apache-2.0',
    source: 'https://github.com/WorksApplications/SudachiDict (src/main/text/synonyms.txt)',
    generatedBy: 'scripts/build-loanwords.ts',
    version: digest,
    entries,
  };
  writeFileSync(outputPath, `${JSON.stringify(data, null, 0)}\n`);
  const bytes = Buffer.byteLength(JSON.stringify(data));
  console.log(`wrote ${Object.keys(entries).length} katakana words (${(bytes / 1024).toFixed(0)} KiB) to ${outputPath}`);
}

main();
