// Scripts run lib/ code outside Next.js, where `server-only` (which throws outside a server bundle) must be a no-op.
import { registerHooks } from 'node:module';

const emptyModule = new URL('./empty-module.cjs', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'server-only') return { url: emptyModule, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
