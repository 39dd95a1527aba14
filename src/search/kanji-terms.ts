/**
 * Kanji IT terms ↔ English, for cross-lingual search beyond loanwords: the katakana table
 * (loanwords.ts) knows サービス ↔ service but not 運用 ↔ operation or 負債 ↔ debt, and meetup notes
 * in Japanese write most of what they discuss in kanji. Our own list of the words such notes use
 * (operations, incidents, design, security, organization), checked against real notes; each
 * English form is listed as written (no stemming: "operator" must not become 運用).
 */

const ENTRIES: ReadonlyArray<readonly [kanji: string, english: readonly string[]]> = [
  ['運用', ['operation', 'operations', 'operate', 'operating', 'operational', 'ops', 'run', 'running']],
  ['監視', ['monitoring', 'monitor', 'monitored']],
  ['障害', ['failure', 'failures', 'outage', 'outages', 'incident', 'incidents', 'fault', 'faults']],
  ['復旧', ['recovery', 'recover', 'recovering', 'restore']],
  ['導入', ['adoption', 'adopt', 'adopting', 'introduce', 'introducing', 'introduction', 'rollout']],
  ['設計', ['design', 'designing', 'designed']],
  ['移行', ['migration', 'migrations', 'migrate', 'migrating']],
  ['分散', ['distributed', 'distribution', 'balancing']],
  ['認証', ['authentication', 'authenticate', 'login']],
  ['認可', ['authorization', 'authorize']],
  ['負荷', ['load']],
  ['性能', ['performance']],
  ['可用性', ['availability']],
  ['冗長', ['redundancy', 'redundant']],
  ['自動', ['automatic', 'automatically', 'automation', 'automate', 'automated', 'auto']],
  ['開発', ['development', 'develop', 'developing', 'dev']],
  ['本番', ['production', 'prod']],
  ['環境', ['environment', 'environments']],
  ['検証', ['verification', 'verify', 'validation', 'evaluation', 'poc']],
  ['課題', ['challenge', 'challenges', 'issue', 'issues', 'problem', 'problems']],
  ['問題', ['problem', 'problems', 'issue', 'issues']],
  ['設定', ['settings', 'setting', 'config', 'configuration']],
  ['活用', ['usage', 'utilization', 'leverage', 'leveraging']],
  ['診断', ['scan', 'scanning', 'diagnosis', 'audit']],
  ['対応', ['response', 'handling', 'support']],
  ['構成', ['configuration', 'architecture', 'setup', 'structure']],
  ['管理', ['management', 'manage', 'managing', 'managed', 'administration']],
  ['分析', ['analysis', 'analyze', 'analytics']],
  ['脆弱', ['vulnerability', 'vulnerabilities', 'vulnerable']],
  ['負債', ['debt']],
  ['技術', ['technology', 'technologies', 'technical', 'tech']],
  ['注意', ['caveat', 'caveats', 'caution', 'pitfall', 'pitfalls', 'careful']],
  ['落とし穴', ['pitfall', 'pitfalls', 'trap', 'traps']],
  ['比較', ['comparison', 'compare', 'comparing', 'versus', 'vs']],
  ['違い', ['difference', 'differences', 'different']],
  ['権限', ['permission', 'permissions', 'privilege', 'privileges', 'rbac']],
  ['拡張', ['extension', 'extend', 'extensible', 'extending']],
  ['保守', ['maintenance', 'maintain', 'maintaining']],
  ['速度', ['speed', 'fast', 'faster']],
  ['安全', ['safety', 'safe', 'secure', 'security']],
  ['暗号', ['encryption', 'encrypt', 'encrypted', 'crypto']],
  ['更新', ['update', 'updates', 'upgrade', 'renewal']],
  ['削除', ['deletion', 'delete', 'remove', 'removal']],
  ['追加', ['addition', 'add', 'adding']],
  ['遅延', ['latency', 'delay', 'delays']],
  ['手動', ['manual', 'manually']],
  ['組織', ['organization', 'organizations', 'org']],
  ['文化', ['culture']],
  ['知見', ['knowledge', 'know-how', 'insight', 'insights', 'expertise']],
  ['知識', ['knowledge']],
  ['効率', ['efficiency', 'efficient']],
  ['改善', ['improvement', 'improvements', 'improve', 'improving']],
  ['通知', ['notification', 'notifications', 'notify', 'alert', 'alerts', 'alerting']],
  ['可視', ['visualization', 'visualize', 'visibility']],
  ['信頼', ['reliability', 'reliable', 'trust']],
  ['原因', ['cause', 'causes']],
  ['調査', ['investigation', 'investigate', 'research']],
  ['顧客', ['customer', 'customers', 'client', 'clients']],
  ['社内', ['internal', 'in-house']],
  ['自社', ['in-house']],
  ['企業', ['company', 'companies', 'enterprise', 'enterprises']],
  ['勉強会', ['meetup', 'meetups', 'study']],
  ['発表', ['talk', 'talks', 'presentation', 'presentations']],
  ['登壇', ['talk', 'speaker', 'speakers', 'speaking']],
  ['資料', ['slides', 'slide', 'materials']],
  ['事例', ['example', 'examples']],
  ['経験', ['experience', 'experiences']],
  ['教訓', ['lesson', 'lessons']],
  ['利点', ['benefit', 'benefits', 'advantage', 'advantages', 'merit', 'merits', 'pros']],
  ['欠点', ['drawback', 'drawbacks', 'disadvantage', 'disadvantages', 'downside', 'downsides', 'cons']],
  ['今後', ['future', 'roadmap']],
  ['将来', ['future']],
  ['現状', ['current']],
  ['名前', ['name', 'named', 'naming']],
  ['意味', ['meaning']],
  ['由来', ['origin', 'etymology']],
  ['読み方', ['pronounce', 'pronounced', 'pronunciation']],
  ['言語', ['language', 'languages']],
  ['標準', ['standard', 'standards', 'standardization']],
  ['仕様', ['specification', 'specifications', 'spec', 'specs']],
  ['実装', ['implementation', 'implement', 'implemented', 'implementing']],
  ['仮想', ['virtual', 'virtualization']],
  ['処理', ['processing', 'process', 'handling']],
  ['非同期', ['asynchronous', 'async']],
  ['同期', ['synchronous', 'sync', 'synchronization', 'synchronize']],
  ['並列', ['parallel', 'parallelism']],
  ['並行', ['concurrency', 'concurrent']],
  ['情報', ['information', 'info']],
  ['機密', ['secret', 'secrets', 'confidential', 'sensitive']],
  ['秘密', ['secret', 'secrets']],
  ['攻撃', ['attack', 'attacks', 'attacker', 'attackers']],
  ['脅威', ['threat', 'threats']],
  ['制御', ['control', 'controls']],
  ['承認', ['approval', 'approve']],
  ['品質', ['quality']],
  ['例外', ['exception', 'exceptions']],
  ['継続', ['continuous', 'continuously']],
  ['統合', ['integration', 'integrate', 'unified']],
  ['連携', ['integration', 'integrate', 'cooperation', 'collaboration']],
  ['基盤', ['platform', 'platforms', 'infrastructure', 'foundation']],
  ['既存', ['existing']],
  ['新規', ['greenfield']],
  ['分割', ['split', 'splitting', 'decompose', 'decomposition']],
  ['通信', ['communication', 'traffic']],
  ['採用', ['hiring', 'recruiting', 'adoption', 'adopt']],
  ['教育', ['education', 'training', 'onboarding']],
  ['評価', ['evaluation', 'evaluate', 'assessment']],
  ['計測', ['measurement', 'measure', 'measuring', 'instrumentation']],
  ['目標', ['goal', 'goals', 'objective', 'objectives', 'target']],
  ['責任', ['responsibility', 'responsibilities', 'accountability']],
  ['役割', ['role', 'roles']],
  ['起動', ['startup', 'boot', 'launch']],
  ['停止', ['stop', 'shutdown', 'downtime']],
  ['削減', ['reduction', 'reduce', 'reducing', 'saving', 'savings']],
  ['費用', ['cost', 'costs', 'expense']],
  ['日本', ['japan']],
  ['日本語', ['japanese']],
  ['英語', ['english']],
  ['花', ['flower']],
  ['帆', ['sail']],
];

// A suffix that makes a noun of a term (自動化 automation, 脆弱性 vulnerability, 技術的 technical).
const NOMINAL_SUFFIXES = ['化', '性', '的'];

let byKanji: Map<string, readonly string[]> | null = null;
let byEnglish: Map<string, string[]> | null = null;

function tables(): { byKanji: Map<string, readonly string[]>; byEnglish: Map<string, string[]> } {
  if (!byKanji || !byEnglish) {
    byKanji = new Map(ENTRIES);
    byEnglish = new Map();
    for (const [kanji, english] of ENTRIES) {
      for (const word of english) {
        const list = byEnglish.get(word);
        if (list) list.push(kanji);
        else byEnglish.set(word, [kanji]);
      }
    }
  }
  return { byKanji, byEnglish };
}

/** English words for a kanji word (as the segmenter gives it: 運用, 自動化, 脆弱). */
export function englishForKanji(word: string): readonly string[] {
  const { byKanji: table } = tables();
  const exact = table.get(word);
  if (exact) return exact;
  const suffix = NOMINAL_SUFFIXES.find((candidate) => word.length > 2 && word.endsWith(candidate));
  return suffix ? (table.get(word.slice(0, -suffix.length)) ?? []) : [];
}

/** Kanji words for an English word (lower case, as written: "operations", "monitoring"). */
export function kanjiForEnglish(word: string): readonly string[] {
  return tables().byEnglish.get(word) ?? [];
}
