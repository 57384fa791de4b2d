import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * An X server of our own (Xvfb) for what headless browsers cannot do: extension keyboard shortcuts
 * are browser accelerators, so they need real key events, which `xdotool` types into the window.
 */
export interface VirtualDisplay {
  /** e.g. `:97`, for the browser's DISPLAY. */
  display: string;
  /**
   * Types a key chord (xdotool syntax, e.g. `alt+shift+u`) into the browser window whose X class matches
   * `windowClass` (`chromium` by default; Firefox ESR's is `firefox-esr`), focused first.
   */
  pressKeys(chord: string, windowClass?: string): void;
  close(): void;
}

export async function startVirtualDisplay(number = 90 + Math.floor(Math.random() * 100)): Promise<VirtualDisplay> {
  const display = `:${number}`;
  const server: ChildProcess = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const socket = `/tmp/.X11-unix/X${number}`;
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`Xvfb did not start on ${display}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const env = { ...process.env, DISPLAY: display };
  const xdotool = (...args: string[]) => execFileSync('xdotool', args, { env }).toString().trim();
  return {
    display,
    pressKeys(chord, windowClass = 'chromium') {
      const window = xdotool('search', '--onlyvisible', '--class', windowClass).split('\n').at(-1)!;
      xdotool('windowfocus', '--sync', window);
      xdotool('key', '--clearmodifiers', chord);
    },
    close() {
      server.kill();
    },
  };
}
