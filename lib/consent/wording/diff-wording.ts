import { diffWordsWithSpace } from "diff";

export interface WordingDiffSegment {
  kind: "unchanged" | "inserted" | "deleted";
  text: string;
}

/** Two versions side by side: the live text with its deletions, the candidate with its insertions. */
export interface WordingDiff {
  /** The live wording: unchanged and deleted segments, in order. */
  live: WordingDiffSegment[];
  /** The candidate wording: unchanged and inserted segments, in order. */
  candidate: WordingDiffSegment[];
  insertedWords: number;
  deletedWords: number;
}

/**
 * A word-level comparison of a candidate wording against the live one. Runs of whitespace are
 * tokens too, so each side reads back exactly as stored (a new line break shows as a change).
 */
export function diffWording(live: string, candidate: string): WordingDiff {
  const result: WordingDiff = { live: [], candidate: [], insertedWords: 0, deletedWords: 0 };
  for (const change of diffWordsWithSpace(live, candidate)) {
    if (change.added) {
      result.candidate.push({ kind: "inserted", text: change.value });
      result.insertedWords += countWords(change.value);
    } else if (change.removed) {
      result.live.push({ kind: "deleted", text: change.value });
      result.deletedWords += countWords(change.value);
    } else {
      result.live.push({ kind: "unchanged", text: change.value });
      result.candidate.push({ kind: "unchanged", text: change.value });
    }
  }
  return result;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
