/** What the note markup does, in one line under each note field. */
export function MarkupHint({ submit = 'adds it' }: { submit?: string }) {
  return (
    <p className="text-xs muted">
      **bold**, *italic*, “- ” for a list, [text](https://…) for a link, @ to mention someone. Ctrl+Enter {submit}.
    </p>
  );
}
