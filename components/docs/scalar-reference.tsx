'use client';

import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ReferenceLoading } from './reference-loading';
import { keepVariantPickersNamed } from './variant-picker-names';
import './scalar-contrast.css';

/**
 * Scalar's API reference with everything that would reach outside this server turned off: no
 * fonts from its CDN, no telemetry, no AI agent or MCP panel, no proxy for "try it" (requests go
 * to this origin, which the CSP's connect-src 'self' allows). docs/decisions/019-openapi.md.
 */
export default function ScalarReference({ url }: { url: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => (frame.current ? keepVariantPickersNamed(frame.current) : undefined), []);
  // Memoized: Scalar applies its configuration again whenever the object changes.
  const configuration = useMemo(
    () => ({
      url,
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      hideDarkModeToggle: true,
      showDeveloperTools: 'never' as const,
      documentDownloadType: 'json' as const,
      layout: 'modern' as const,
      // Ctrl/Cmd+K opens Accord's search on every page (components/search/search-palette.tsx);
      // Scalar's own search of the reference moves to Ctrl/Cmd+J, and its button says so.
      searchHotKey: 'j' as const,
      onLoaded: () => setDrawn(true),
    }),
    [url],
  );
  return (
    <>
      {drawn ? null : <ReferenceLoading />}
      {/* data-lazy-content: Scalar renders each operation as it nears the viewport; the screen suite scrolls to each not yet drawn (Scalar marks it data-placeholder="true") until none is left. */}
      <div ref={frame} data-lazy-content className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
        <ApiReferenceReact configuration={configuration} />
      </div>
    </>
  );
}
