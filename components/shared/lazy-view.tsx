import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

/** A component made by {@link lazyView}, and a way to load its code before it is first shown. */
export type LazyView<P extends object> = ComponentType<P> & { preload(): void };

/**
 * A view whose code loads the first time it is shown (most popups never show the apps, sites or users), or when
 * `preload` is called (after a view's first paint, for a part a tester opens with one click), declared once at module
 * level: it is the same component on every render, so its state survives re-renders. Until the code has loaded it
 * shows "Loading…". Code that fails to load (the extension was updated or reloaded under an open page, whose chunks
 * are then gone) says so in its place, and the next time the view is shown it is asked for again.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () =>
    (loading ??= load().then(
      (view) => {
        loaded = view;
        return view;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (View) return;
      let isShown = true;
      start().then(
        (view) => isShown && setView(() => view),
        () => isShown && setFailed(true),
      );
      return () => {
        isShown = false;
      };
    }, [View]);
    if (View) return <View {...props} />;
    return failed ? (
      <div class="view-load-failed">
        <div class="error" role="alert">
          <p class="error-message">{t('viewLoadFailed')}</p>
        </div>
      </div>
    ) : (
      <p class="connecting">{t('loading')}</p>
    );
  }
  return Object.assign(LazyView, { preload: () => void start().catch(() => undefined) });
}
