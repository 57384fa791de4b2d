import { useEffect, useState } from 'preact/hooks';
import { initialsOf, safeImageUrl } from '@/lib/display';

interface AvatarProps {
  uid: string;
  name?: string;
  avatar?: string;
  size?: 'small' | 'large';
}

type Picture = 'loading' | 'loaded' | 'failed';

/** How each picture this page asked for fared: an avatar rendered again (a re-render, another row) shows it at once. */
const pictures = new Map<string, Picture>();

/**
 * The user's initials, and their picture in their place once it has loaded (never when it fails: offline, emulator).
 * The picture is fetched after the first paint, off the page: an image in the first render started its request in the
 * render's task (~0.3 ms of the renderer each; the popup's main view has six), and showed an empty circle until it
 * loaded. `data-picture` says how the picture is faring, for tests that wait for every avatar to settle.
 */
export function Avatar({ uid, name, avatar, size = 'small' }: AvatarProps) {
  const src = safeImageUrl(avatar);
  const [, settled] = useState(0);
  const picture: Picture | undefined = src === undefined ? undefined : (pictures.get(src) ?? 'loading');
  useEffect(() => {
    if (src === undefined || pictures.has(src)) return;
    const image = new Image();
    image.referrerPolicy = 'no-referrer';
    const settle = (outcome: Picture) => () => {
      pictures.set(src, outcome);
      settled((count) => count + 1);
    };
    image.onload = settle('loaded');
    image.onerror = settle('failed');
    image.src = src;
    return () => {
      image.onload = null;
      image.onerror = null;
    };
  }, [src]);
  return (
    <span class={`avatar avatar-${size}`} aria-hidden="true" data-picture={picture}>
      {picture === 'loaded' ? <img src={src} alt="" referrerpolicy="no-referrer" /> : initialsOf(name, uid)}
    </span>
  );
}
