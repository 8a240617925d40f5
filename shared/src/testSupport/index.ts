// Test support shared by every package's tests and the benchmarks: not part of the app.

export { xmlElement, xmlList, xmlParagraph } from './richTextNodes.js'
export { type Random, seededRandom } from './seededRandom.js'
