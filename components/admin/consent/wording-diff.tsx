import type { WordingDiff, WordingDiffSegment } from "@/lib/consent/wording/diff-wording";

/**
 * The live wording and a candidate side by side. Removed words are struck through and
 * added words underlined (not colour alone), and screen readers hear "deleted:"/"inserted:".
 */
export function WordingDiffView({ diff, liveLabel, candidateLabel }: { diff: WordingDiff; liveLabel: string; candidateLabel: string }) {
  const unchanged = diff.insertedWords === 0 && diff.deletedWords === 0;
  return (
    <section aria-label={`Changes: ${candidateLabel} compared with ${liveLabel}`} className="space-y-2">
      <p className="text-sm text-slate-700">
        {unchanged
          ? "Same words as the live version."
          : `${plural(diff.insertedWords, "word")} added, ${plural(diff.deletedWords, "word")} removed. Removed words are struck through, added words underlined.`}
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <DiffColumn title={liveLabel} segments={diff.live} />
        <DiffColumn title={candidateLabel} segments={diff.candidate} />
      </div>
    </section>
  );
}

function DiffColumn({ title, segments }: { title: string; segments: WordingDiffSegment[] }) {
  return (
    <figure className="rounded-md border border-slate-200 bg-slate-50">
      <figcaption className="border-b border-slate-200 px-3 py-1.5 text-xs font-semibold text-slate-700">{title}</figcaption>
      <p className="whitespace-pre-wrap px-3 py-2 text-sm leading-relaxed text-slate-900">
        {segments.map((segment, index) => (
          <Segment key={index} segment={segment} />
        ))}
      </p>
    </figure>
  );
}

function Segment({ segment }: { segment: WordingDiffSegment }) {
  if (segment.kind === "deleted") {
    return (
      <del className="rounded-sm bg-red-100 text-red-900 line-through decoration-2">
        <span className="sr-only">[deleted: </span>
        {segment.text}
        <span className="sr-only">]</span>
      </del>
    );
  }
  if (segment.kind === "inserted") {
    return (
      <ins className="rounded-sm bg-green-100 text-green-900 underline decoration-2 underline-offset-2">
        <span className="sr-only">[inserted: </span>
        {segment.text}
        <span className="sr-only">]</span>
      </ins>
    );
  }
  return <>{segment.text}</>;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
