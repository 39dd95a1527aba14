/**
 * Abbreviations and numeronyms that meetup notes use interchangeably with the full word
 * ("k8s" / "Kubernetes", "mgmt" / "management"). General IT shorthand, not a per-note glossary:
 * a question in one form finds notes written in the other.
 */

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['k8s', 'kubernetes'],
  ['o11y', 'observability'],
  ['i18n', 'internationalization'],
  ['a11y', 'accessibility'],
  ['db', 'database'],
  ['repo', 'repository'],
  ['config', 'configuration'],
  ['env', 'environment'],
  ['auth', 'authentication'],
  ['authn', 'authentication'],
  ['authz', 'authorization'],
  ['mgmt', 'management'],
  ['app', 'application'],
  ['infra', 'infrastructure'],
  ['perf', 'performance'],
  ['prod', 'production'],
  ['svc', 'service'],
  ['serv', 'service'],
  ['ns', 'namespace'],
  ['msg', 'message'],
  ['impl', 'implementation'],
  ['arch', 'architecture'],
  ['dev', 'development'],
  ['ops', 'operations'],
  ['req', 'request'],
  ['resp', 'response'],
  ['gc', 'garbage collection'],
  ['vm', 'virtual machine'],
  ['lb', 'load balancer'],
  ['pr', 'pull request'],
  ['iac', 'infrastructure as code'],
  ['sre', 'site reliability engineering'],
  ['slo', 'service level objective'],
  ['sla', 'service level agreement'],
  ['sli', 'service level indicator'],
  ['mtls', 'mutual tls'],
  ['ttl', 'time to live'],
  ['crd', 'custom resource definition'],
  ['userv', 'microservice'],
  ['u-serv', 'microservice'],
];

const expansions = new Map<string, string[]>();
for (const [short, long] of PAIRS) {
  expansions.set(short, [...(expansions.get(short) ?? []), long]);
  // Full words point back to the abbreviation; phrases do not (they are not one question word).
  if (!long.includes(' ')) expansions.set(long, [...(expansions.get(long) ?? []), short]);
}

/** Other spellings of a lower-case word: "k8s" → ["kubernetes"], "kubernetes" → ["k8s"]. */
export function abbreviationsOf(word: string): string[] {
  return expansions.get(word) ?? [];
}
