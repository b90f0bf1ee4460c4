// The files of eld that Ascolto reads past the package's exports, all named here: eld is pinned to
// one version in package.json, and large-model-detector.test.ts checks every answer against
// eld/large, so a change of eld's layout fails there.
const ENTRY = import.meta.resolve('eld') // eld/src/entries/dynamic.js

export const ELD_PACKAGE_JSON = new URL('../../package.json', ENTRY)
/** The large model as an object literal, which eld's own entry would keep loaded. */
export const ELD_LARGE_MODEL = new URL('../ngrams/large.js', ENTRY).href
/** eld's detector factory, which takes a model of our making. */
export const ELD_DETECTOR = new URL('../languageDetector.js', ENTRY).href
/** Where caches live beside the installed packages, as build tools keep theirs. */
export const NODE_MODULES_CACHE = new URL('../../../.cache/', ENTRY)
