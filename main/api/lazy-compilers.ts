// Fastify's own compilers (ajv for requests, fast-json-stringify for answers), each route's schema compiled
// on the route's first use instead of all at start: compiling every route took ~0.2 s before the first
// answer, for routes most starts never see.
//
// Passing compilers marks them "custom" to Fastify, which then leaves a `headers` schema's keys as written
// instead of lower-casing them; no route declares one (a test says so).
import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type AnyFn = (...args: never[]) => unknown;

/** A function built on first call; what the caller reads off it afterwards (ajv's `errors`) is copied across. */
function lazy<F extends AnyFn>(build: () => F, copy: readonly string[]): F {
  let built: F | null = null;
  const call = function (this: unknown, ...args: Parameters<F>) {
    built ??= build();
    const result = built.apply(this, args);
    for (const key of copy) (call as unknown as Record<string, unknown>)[key] = (built as unknown as Record<string, unknown>)[key];
    return result;
  };
  return call as unknown as F;
}

type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type BuildValidator = NonNullable<Compilers['buildValidator']>;
type BuildSerializer = NonNullable<Compilers['buildSerializer']>;

export function lazyCompilers(): Compilers {
  const validators = ValidatorSelector();
  const serializers = SerializerSelector();
  const buildValidator: BuildValidator = (external, options) => {
    const compile = validators(external, options);
    return (route) => {
      const validate = lazy(() => compile(route) as AnyFn, ['errors']);
      // Fastify hands ajv's functions the request as parent (so the root can be coerced) when they have schemaEnv.
      return Object.assign(validate, { schemaEnv: true }) as unknown as ReturnType<typeof compile>;
    };
  };
  const buildSerializer: BuildSerializer = (external, options) => {
    const compile = serializers(external, options);
    return (route) => lazy(() => compile(route) as AnyFn, []) as unknown as ReturnType<typeof compile>;
  };
  return { buildValidator, buildSerializer };
}
