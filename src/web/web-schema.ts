/** Query and form fields a page reads: each one string at most (a repeated `?q=a&q=b` is refused with 400). */
export function stringFields(...names: string[]): object {
  return { type: 'object', properties: Object.fromEntries(names.map((name) => [name, { type: 'string', maxLength: 4_000 }])) };
}
