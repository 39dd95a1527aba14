import { describe, expect, it } from 'vitest';
import { redactSlackSecrets } from '../../src/adapters/slack/bolt-logger.js';
import { isTrustedFileHost } from '../../src/adapters/slack/download-slack-file.js';
import { asksToIngest, plainSlackText } from '../../src/adapters/slack/mention-text.js';
import { parseRecapCommand } from '../../src/adapters/slack/parse-recap-command.js';

describe('plainSlackText', () => {
  it('removes mentions and undoes Slack markup and escaping', () => {
    expect(plainSlackText('<@UBOT> what is <https://istio.io|Istio> &amp; <#C123|general>? &lt;b&gt;')).toBe('what is Istio & #general? <b>');
    expect(plainSlackText('<@UBOT|recap>   サービスメッシュとは?')).toBe('サービスメッシュとは?');
  });

  it('knows an ingest request', () => {
    expect(asksToIngest('<@UBOT> ingest')).toBe(true);
    expect(asksToIngest('<@UBOT> please ingest this.')).toBe(true);
    expect(asksToIngest('<@UBOT> このノートを取り込んで')).toBe(true);
    expect(asksToIngest('<@UBOT> what is ingestion?')).toBe(false);
  });
});

describe('parseRecapCommand', () => {
  it.each([
    ['ask what is Brown Field?', { name: 'ask', question: 'what is Brown Field?' }],
    ['  ASK   サービスメッシュとは? ', { name: 'ask', question: 'サービスメッシュとは?' }],
    ['summary', { name: 'summary', note: null }],
    ['summary cloud native #8', { name: 'summary', note: 'cloud native #8' }],
    ['summary cloud native #8 en', { name: 'summary', note: 'cloud native #8', language: 'en' }],
    ['summary pt-BR', { name: 'summary', note: null, language: 'pt-BR' }],
    ['translate cloud native #8 en', { name: 'translate', note: 'cloud native #8', language: 'en' }],
    ['list', { name: 'list' }],
    ['define Brown Field', { name: 'define', term: 'Brown Field' }],
    ['ingest', { name: 'ingest' }],
    ['delete 20190604-cloud-native-meetup-tokyo-8', { name: 'delete', note: '20190604-cloud-native-meetup-tokyo-8' }],
    ['help', { name: 'help' }],
    ['', { name: 'help' }],
  ])('%s', (text, expected) => {
    expect(parseRecapCommand(text)).toEqual(expected);
  });

  it('shows the help with what was wrong for incomplete or unknown input', () => {
    expect(parseRecapCommand('ask')).toMatchObject({ name: 'help', problem: expect.stringMatching(/ask needs a question/) });
    expect(parseRecapCommand('translate cloud native')).toMatchObject({ name: 'help', problem: expect.stringMatching(/language code/) });
    expect(parseRecapCommand('what is Brown Field?')).toMatchObject({ name: 'help', problem: expect.stringMatching(/"what" is not a \/recap subcommand/) });
  });
});

describe('Slack secrets and file hosts', () => {
  it('redacts tokens, verification tokens and response URLs from log lines', () => {
    const line = redactSlackSecrets('{"token":"legacy123","response_url":"https://hooks.slack.com/commands/T1/2/abc"} xoxb-123-456-abc xapp-1-A1-xyz Bearer xoxp-9');
    expect(line).not.toMatch(/legacy123|hooks\.slack\.com\/commands|xoxb-123|xapp-1-A1|xoxp-9/);
  });

  it('trusts only Slack hosts over https and exactly SLACK_API_URL’s host', () => {
    const api = 'http://127.0.0.1:4000/api/';
    expect(isTrustedFileHost(new URL('https://files.slack.com/files-pri/T1-F1/a.md'), 'https://slack.com/api/')).toBe(true);
    expect(isTrustedFileHost(new URL('http://files.slack.com/a.md'), 'https://slack.com/api/')).toBe(false);
    expect(isTrustedFileHost(new URL('https://files.slack.com.evil.example/a.md'), 'https://slack.com/api/')).toBe(false);
    expect(isTrustedFileHost(new URL('http://127.0.0.1:4000/files/F1/a.md'), api)).toBe(true);
    expect(isTrustedFileHost(new URL('http://127.0.0.1:4001/files/F1/a.md'), api)).toBe(false);
  });
});
