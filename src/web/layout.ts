import { Html, html } from './html.js';

export interface PageOptions {
  title: string;
  body: Html;
  /** The navigation entry to mark as current. */
  current?: 'notes' | 'ask' | 'schedules' | 'admin';
  /** Whether the viewer is logged in as the admin (shows "Log out"). */
  admin?: boolean;
  /** The CSRF token for the log-out form, when logged in. */
  csrfToken?: string;
}

// Japanese text needs a CJK font: Noto Sans CJK (Debian's fonts-noto-cjk) or the OS's own,
// before the generic family, so kana and kanji never fall back to boxes or mixed glyphs.
const STYLE = `
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #6b6b70; --bg: #fff; --line: #e3e3e8; --accent: #0b62d6; --mark: #fff3bf; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf0; --muted: #a0a0aa; --bg: #16161a; --line: #2c2c33; --accent: #6ea8ff; --mark: #4a4000; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif; color: var(--fg); background: var(--bg); }
header { border-bottom: 1px solid var(--line); padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; }
header .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
header nav { display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
header nav a { color: var(--muted); text-decoration: none; }
header nav a[aria-current="page"] { color: var(--fg); font-weight: 600; }
header form { margin-left: auto; }
header form button { background: none; border: none; color: var(--muted); padding: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.5rem; line-height: 1.3; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.muted { color: var(--muted); }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .3rem; }
form.search { display: flex; gap: .5rem; margin: 0 0 1rem; }
form.search input[type=search], form.search input[type=text] { flex: 1; min-width: 0; font: inherit; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
button, input[type=submit] { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--line); background: var(--accent); color: #fff; cursor: pointer; }
ul.notes { list-style: none; padding: 0; margin: 0; }
ul.notes li { padding: .6rem 0; border-bottom: 1px solid var(--line); }
ul.notes .title { font-weight: 600; }
.outline { font-size: .95rem; }
.outline .row { display: flex; gap: .6rem; scroll-margin-top: 4rem; }
.outline .row:target { background: var(--mark); }
.outline .ln { flex: 0 0 3rem; text-align: right; color: var(--muted); text-decoration: none; font-variant-numeric: tabular-nums; user-select: none; }
.outline .text { flex: 1; min-width: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.outline .heading .text { font-weight: 700; }
.outline pre.text { margin: 0; font-size: .85rem; overflow-x: auto; white-space: pre; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th { white-space: nowrap; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .35rem .4rem; overflow-wrap: anywhere; }
.answer { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid var(--accent); padding: .2rem 0 .2rem .8rem; }
.answer.declined { border-color: var(--muted); }
ol.citations { padding-left: 1.4rem; }
ol.citations li { margin: .3rem 0; overflow-wrap: anywhere; }
.error { color: #c0392b; }
.pill { display: inline-block; font-size: .8rem; padding: 0 .45rem; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); }
.pill.bad { color: #c0392b; border-color: #c0392b; }
@media (max-width: 40rem) { main { padding: .7rem; } .outline .ln { flex-basis: 2.2rem; } h1 { font-size: 1.3rem; } }
`;

/** The page shell every page shares: header with navigation, the body, one stylesheet inline (no JavaScript). */
export function page(options: PageOptions): Html {
  const link = (key: PageOptions['current'], href: string, label: string): Html =>
    html`<a href="${href}"${options.current === key ? html` aria-current="page"` : ''}>${label}</a>`;
  const logout = options.admin && options.csrfToken
    ? html`<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${options.csrfToken}"><button type="submit">Log out</button></form>`
    : '';
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · recap</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<header><a class="brand" href="/notes">recap</a><nav>${link('notes', '/notes', 'Notes')}${link('ask', '/ask', 'Ask')}${link('schedules', '/schedules', 'Schedules')}${link('admin', '/admin', 'Admin')}</nav>${logout}</header>
<main>
${options.body}
</main>
</body>
</html>`;
}
