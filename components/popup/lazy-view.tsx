import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';

/**
 * A view whose code loads the first time it is shown (most popups never show the apps, sites or users), declared
 * once at module level: it is the same component on every render, so its state survives re-renders. Until the code
 * has loaded it shows "Loading…".
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (View) return;
      let isShown = true;
      void (loading ??= load()).then((view) => {
        loaded = view;
        if (isShown) setView(() => view);
      });
      return () => {
        isShown = false;
      };
    }, [View]);
    return View ? <View {...props} /> : <p class="connecting">{t('loading')}</p>;
  };
}
