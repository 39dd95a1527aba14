import escapeHtml from 'escape-html';

/**
 * HTML built from trusted markup and untrusted values: every value put into an `html` template
 * is escaped (notes, questions and model output are untrusted; a `<script>` in a note shows as
 * text), unless it is itself Html made the same way.
 */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value as string | number | boolean));
}

/** A tagged template: `html\`<p>${text}</p>\`` escapes `text`; arrays are joined; null/false render nothing. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(markup);
}
