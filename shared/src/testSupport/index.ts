// Test support shared by every package's tests and the benchmarks: not part of the app.

export { type Random, seededRandom } from './seededRandom.js'
