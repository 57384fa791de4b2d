import { useState } from 'preact/hooks';
import { initialsOf, safeImageUrl } from '@/lib/display';

interface AvatarProps {
  uid: string;
  name?: string;
  avatar?: string;
  size?: 'small' | 'large';
}

/**
 * The user's picture, or their initials when there is none or it fails to load (offline, emulator). Loaded lazily:
 * an eager image starts its request in the render's task (~1 ms of the renderer each; the popup's main view has six),
 * a lazy one once layout has placed it, so the first frame is not held up by the pictures it is about to fetch.
 */
export function Avatar({ uid, name, avatar, size = 'small' }: AvatarProps) {
  const [failed, setFailed] = useState(false);
  const src = safeImageUrl(avatar);
  return (
    <span class={`avatar avatar-${size}`} aria-hidden="true">
      {src && !failed ? <img src={src} alt="" loading="lazy" referrerpolicy="no-referrer" onError={() => setFailed(true)} /> : initialsOf(name, uid)}
    </span>
  );
}
