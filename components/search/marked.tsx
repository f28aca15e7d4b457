import { markWords } from '@/lib/search';

/** Text people typed, isolated (<bdi>), with the query's words marked where they appear as typed. */
export function Marked({ text, query }: { text: string; query: string }) {
  return (
    <bdi>
      {markWords(text, query).map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-inherit dark:bg-amber-900/60">{part.text}</mark>
        ) : (
          part.text
        ),
      )}
    </bdi>
  );
}
