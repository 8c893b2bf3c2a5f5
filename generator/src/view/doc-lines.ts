/** Documentation as lines, trimmed, CRLF-safe; empty when there is none. */
export function docLines(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
}
