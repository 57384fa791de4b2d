import { Component, type ComponentType, type FunctionComponent } from 'preact';

/**
 * `Render`, rendered again only when `isSame(previous, next)` says its props changed: Preact's core has no `memo`, and
 * `preact/compat`'s would bring React's shims into every view. For a component rendered many times over by a parent
 * that renders often (a timeline's rows, each live event). `Render` runs as the memo's own render, not as a component
 * of its own inside it: a list's first render makes one component per row, not two (its hooks, if any, live on the memo).
 */
export function memo<P extends object>(Render: FunctionComponent<P>, isSame: (previous: P, next: P) => boolean): ComponentType<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !isSame(this.props, next);
    }

    override render(props: P) {
      return Render(props);
    }
  }
  return Memo;
}

/** `memo`'s usual test: every prop the same value (`Object.is`), the handlers included, so those must be stable. */
export function sameProps<P extends object>(previous: P, next: P): boolean {
  const keys = Object.keys(next) as Array<keyof P>;
  return keys.length === Object.keys(previous).length && keys.every((key) => Object.is(previous[key], next[key]));
}
