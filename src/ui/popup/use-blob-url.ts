import { useEffect, useState } from 'preact/hooks';

/**
 * A blob: URL for a Blob, made on first render and revoked when the blob changes or the component
 * goes away, so the popup never holds image bytes it no longer shows.
 */
export function useBlobUrl(blob: Blob | null | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!blob) {
      setUrl(undefined);
      return;
    }
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}
