import { startBackground } from '@/lib/background/start-background';

export default defineBackground({
  // Firefox MV2: an event page that may be unloaded when idle, like Chrome's service worker.
  persistent: false,
  main() {
    startBackground();
  },
});
