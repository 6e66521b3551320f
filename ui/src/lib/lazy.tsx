import { Suspense, lazy, type ComponentType, type JSX } from "react";

/** A named export of a module loaded on first render (React.lazy wants a default export). */
export function lazyNamed<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy<ComponentType<P>>(async () => ({ default: (await load())[name] }));
}

/**
 * A component whose code stays out of the first load: it is fetched when first rendered, in its
 * own Suspense boundary (nothing shows for the few milliseconds a local chunk takes).
 */
export function deferred<P extends JSX.IntrinsicAttributes & object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): ComponentType<P> {
  const Inner = lazyNamed(load, name);
  function Deferred(props: P) {
    return (
      <Suspense fallback={null}>
        <Inner {...props} />
      </Suspense>
    );
  }
  Deferred.displayName = `Deferred(${name})`;
  return Deferred;
}
