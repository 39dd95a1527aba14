import { tokenAcceptedCheck, type ChatPlatform } from '../../chat/chat-platform.js';
import { renderSlackReply } from './render-slack.js';
import { slackSettingsReader, type SlackEnv, type SlackSettings } from './slack-settings.js';

/**
 * Slack as recap knows it: settings (SLACK_*, PORT), channel ids, the bolt app, the poster of
 * scheduled recaps, Block Kit rendering and the doctor's token check. @slack/bolt is loaded only
 * when the app or the poster is made.
 */
export const slackPlatform: ChatPlatform<SlackSettings, SlackEnv> = {
  ...slackSettingsReader,
  tokenVariable: 'SLACK_BOT_TOKEN',
  channelIdPattern: /^[CGD][A-Z0-9]{2,}$/,
  describeBadChannel: (channel) => `"${channel}" is not a Slack channel id such as C0123ABCD (channel details → About)`,
  async createAdapter(context, settings) {
    const { SlackAdapter } = await import('./slack-adapter.js');
    return new SlackAdapter(context, settings);
  },
  async createPoster(settings, logger) {
    const { SlackPoster } = await import('./slack-poster.js');
    return new SlackPoster(settings, logger);
  },
  render: (reply) => renderSlackReply(reply),
  doctorChecks: async (_settings, poster) => [await tokenAcceptedCheck(poster, ['SLACK_BOT_TOKEN', 'SLACK_API_URL'])],
};
