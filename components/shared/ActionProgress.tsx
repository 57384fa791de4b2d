import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

/**
 * What a running action is doing, for as long as it runs: its words in a `role="status"` line (read once by a screen
 * reader) and the seconds it has taken beside them (hidden from it: a count read aloud every second is noise). The
 * background reports no steps of a page write, so no step is claimed that might not be the one running.
 */
export function ActionProgress({ doing }: { doing: string | null }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!doing) return undefined;
    const startedAt = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - startedAt) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [doing]);
  if (!doing) return null;
  return (
    <p class="progress" role="status" data-testid="action-progress">
      {doing}{' '}
      <span class="muted" aria-hidden="true">
        {seconds > 0 ? t('seconds', String(seconds)) : ''}
      </span>
    </p>
  );
}
