import type { SlackBlock } from '../../src/adapters/slack/render-slack.js';

/** All text of a posted Slack message: its fallback text and the text of its blocks. */
export function messageText(body: Record<string, unknown>): string {
  const blocks = ((body.blocks ?? []) as SlackBlock[]).map((block) => {
    if (block.type === 'section') return block.text.text;
    if (block.type === 'context') return block.elements.map((element) => element.text).join(' ');
    return '';
  });
  return [String(body.text ?? ''), ...blocks].join('\n');
}
