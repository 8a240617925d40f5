// Test support shared by every package's tests and the benchmarks: not part of the app.

export { boardDoc, replicaOf } from './boardDoc.js'
export { xmlElement, xmlList, xmlParagraph } from './richTextNodes.js'
export { junk, scribble } from './scribble.js'
export { type Random, seededRandom } from './seededRandom.js'
