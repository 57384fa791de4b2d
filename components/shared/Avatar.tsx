import { useState } from 'preact/hooks';
import { initialsOf, safeImageUrl } from '@/lib/display';

interface AvatarProps {
  uid: string;
  name?: string;
  avatar?: string;
  size?: 'small' | 'large';
}

/** The user's picture, or their initials when there is none or it fails to load (offline, emulator). */
export function Avatar({ uid, name, avatar, size = 'small' }: AvatarProps) {
  const [failed, setFailed] = useState(false);
  const src = safeImageUrl(avatar);
  return (
    <span class={`avatar avatar-${size}`} aria-hidden="true">
      {src && !failed ? <img src={src} alt="" referrerpolicy="no-referrer" onError={() => setFailed(true)} /> : initialsOf(name, uid)}
    </span>
  );
}
