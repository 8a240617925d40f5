// Prints the functions with the most self time in a V8 CPU profile (.cpuprofile), for the
// profiling hints in BENCHMARKS.md: `node --import tsx bench/profileTop.ts FILE [N]`.

import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

export function topSelfTime(file: string, limit = 20): { ms: number; frame: string }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[]
    samples: number[]
    timeDeltas: number[]
  }
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame
    if (!frame) return
    const where = frame.url.split('/').slice(-3).join('/')
    const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([frame, ms]) => ({ ms, frame }))
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [file, limit] = process.argv.slice(2)
  if (!file) throw new Error('usage: profileTop.ts FILE [N]')
  for (const { ms, frame } of topSelfTime(file, Number(limit ?? 20)))
    console.log(`${ms.toFixed(0).padStart(7)} ms  ${frame}`)
}
