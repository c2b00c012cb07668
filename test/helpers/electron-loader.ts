// Module hooks: 'electron' and 'electron-store' resolve to the hand-written mocks beside this file, so
// the shell (main/app/main.ts) runs in plain Node. Registered with module.register by the shell test.
interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

const MOCKS: Record<string, string> = {
  electron: new URL('./electron-mock.js', import.meta.url).href,
  'electron-store': new URL('./electron-store-mock.js', import.meta.url).href,
};

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  const mocked = MOCKS[specifier];
  if (mocked) return { url: mocked, shortCircuit: true };
  return next(specifier, context);
}
