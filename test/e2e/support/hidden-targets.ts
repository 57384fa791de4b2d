import type { CDPSession } from 'playwright-core';
import { waitFor } from './wait-for';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export type Send = <T>(method: string, params?: object) => Promise<T>;

/**
 * Reaches browser targets Playwright does not expose as pages — the DevTools front end, the panel
 * inside it, a real extension popup — through the browser's CDP session, unflattened.
 */
export function createHiddenTargets(cdp: CDPSession) {
  let nextId = 1;
  const waiting = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message) as { id?: number; result?: unknown; error?: { message: string } };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });

  const helpers = {
    targets: async (): Promise<TargetInfo[]> => {
      return ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
    },

    /** Attaches to a target and returns a `send` for raw CDP calls into it. */
    attach: async (targetId: string): Promise<Send> => {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
      return <T>(method: string, params: object = {}): Promise<T> => {
        const id = nextId++;
        const reply = new Promise<T>((resolve, reject) =>
          waiting.set(id, (answer) => {
            waiting.delete(id);
            if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
            else resolve(answer.result as T);
          }),
        );
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
        return reply;
      };
    },

    /** Evaluates `expression` (awaiting a promise) in the target and returns its JSON value. */
    evaluate: async <T>(send: Send, expression: string): Promise<T> => {
      const { result, exceptionDetails } = await send<{
        result: { value: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
        // As a person's click would be: what only a click may do (ask for site access) works from here too.
      }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true });
      if (exceptionDetails) throw new Error(`Evaluation failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    },

    waitFor,

    /** A page-like handle on an attached target: its text, and clicks on buttons by accessible name. */
    handle: (send: Send) => {
      return {
        text: () => helpers.evaluate<string>(send, "document.body?.innerText ?? ''"),
        /** A PNG of what the target shows now (for looking at: a headed popup's pixels are not pinned like the visual suites'). */
        screenshot: async () => Buffer.from((await send<{ data: string }>('Page.captureScreenshot', { format: 'png' })).data, 'base64'),
        evaluate: <T>(expression: string) => helpers.evaluate<T>(send, expression),
        click: (name: string) =>
          helpers.evaluate<void>(
            send,
            `(() => {
              const button = [...document.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === ${JSON.stringify(name)});
              if (!button) throw new Error('No button named ' + ${JSON.stringify(name)});
              button.click();
            })()`,
          ),
      };
    },
  };
  return helpers;
}
