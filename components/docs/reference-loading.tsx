/**
 * Shown until the API reference has drawn its document: first while Scalar's bundle loads, then
 * while Scalar fetches and reads the document. `data-loading` tells the screen suite to wait.
 */
export function ReferenceLoading() {
  return (
    <p role="status" data-loading className="text-sm muted">
      Loading the API reference…
    </p>
  );
}
