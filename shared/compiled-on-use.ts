// A TypeBox check compiled on its first use, not at import: compiling every stored format's check was ~13 ms
// of a profiled start before the first answer, and a start with nothing stored never uses most of them.
import type { StaticEncode, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

export interface Check<T extends TSchema> {
  Check(value: unknown): value is StaticEncode<T>;
}

export function compiledOnUse<const T extends TSchema>(schema: T): Check<T> {
  let compiled: { Check(value: unknown): boolean } | null = null;
  return {
    Check(value: unknown): value is StaticEncode<T> {
      compiled ??= Compile<T>(schema);
      return compiled.Check(value);
    },
  };
}
