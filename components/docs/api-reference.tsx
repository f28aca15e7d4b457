'use client';

import dynamic from 'next/dynamic';
import { ReferenceLoading } from './reference-loading';

// Scalar is a large, browser-only bundle (a Vue app): loaded on this page alone, after the shell
// has rendered, never in the server HTML or another page's JavaScript.
const ScalarReference = dynamic(() => import('./scalar-reference'), { ssr: false, loading: () => <ReferenceLoading /> });

export function ApiReference({ url }: { url: string }) {
  return <ScalarReference url={url} />;
}
