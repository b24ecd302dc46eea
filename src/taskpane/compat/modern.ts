/**
 * The modern build's stand-in for polyfills.ts: nothing. boot.ts gives this build only to webviews that have
 * every API it uses (its feature test); the others get the legacy build and its polyfills.
 */
export {};
