/** One log line as the API gives it. */
export interface LogLine {
  readonly time: string | null;
  readonly stream: string;
  readonly text: string;
}

/** A line cut where the search matches, for `<mark>`ing the matches. */
export interface ShownLine {
  readonly index: number;
  readonly time: string | null;
  readonly stderr: boolean;
  readonly parts: readonly { readonly text: string; readonly match: boolean }[];
}

/**
 * The lines to show: all of them without a search, else those holding it (any case), each cut into
 * the matching and the other parts.
 */
export function showLines(lines: readonly LogLine[], search: string): ShownLine[] {
  const needle = search.trim().toLowerCase();
  const shown: ShownLine[] = [];
  lines.forEach((line, index) => {
    const stderr = line.stream === 'stderr';
    if (!needle) {
      shown.push({ index, time: line.time, stderr, parts: [{ text: line.text, match: false }] });
      return;
    }
    const parts = splitMatches(line.text, needle);
    if (parts.some((part) => part.match)) shown.push({ index, time: line.time, stderr, parts });
  });
  return shown;
}

function splitMatches(text: string, needle: string): { text: string; match: boolean }[] {
  const lower = text.toLowerCase();
  const parts: { text: string; match: boolean }[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** Adds followed lines, keeping the newest `max` (a followed log must not grow without bound). */
export function appendLines(
  lines: readonly LogLine[],
  added: readonly LogLine[],
  max: number,
): readonly LogLine[] {
  const all = [...lines, ...added];
  return all.length > max ? all.slice(all.length - max) : all;
}
