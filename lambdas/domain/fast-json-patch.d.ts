// fast-json-patch ships the declarations of its ES modules as `module/*.d.ts`, which TypeScript does
// not pair with the `.mjs` files that `json-patch.ts` imports (to leave the package's index out).
declare module 'fast-json-patch/module/core.mjs' {
  export * from 'fast-json-patch/module/core';
}
declare module 'fast-json-patch/module/helpers.mjs' {
  export * from 'fast-json-patch/module/helpers';
}
