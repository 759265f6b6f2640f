import { useEffect } from 'react';

/** "<page> – PCSP Insights" as the window title, as the NHS service manual asks. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – PCSP Insights – NHS`;
  }, [title]);
}
