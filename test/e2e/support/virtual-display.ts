import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

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

/**
 * Starts Xvfb on a display number it picks itself (`-displayfd`), so two suites running at once never share one:
 * Xvfb writes the number once it accepts connections.
 */
export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  const server: ChildProcess = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let written = '';
    const timer = setTimeout(() => fail(new Error('Xvfb did not start within 10 s')), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      server.kill();
      reject(error);
    };
    server.stdout!.on('data', (chunk: Buffer) => {
      written += chunk.toString();
      if (!written.includes('\n')) return;
      clearTimeout(timer);
      resolve(`:${written.trim()}`);
    });
    server.once('exit', (code) => fail(new Error(`Xvfb exited with ${code} before it started`)));
  });
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
