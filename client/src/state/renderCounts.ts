// A render counter for the performance test: components call countRender with their card id, and a
// test that put a Map on window.__tideboardRenderCounts reads how often each one rendered. Without
// that Map (every real session) it does nothing.

declare global {
  interface Window {
    __tideboardRenderCounts?: Map<string, number>
  }
}

export function countRender(key: string): void {
  const counts = typeof window === 'undefined' ? undefined : window.__tideboardRenderCounts
  if (counts instanceof Map) counts.set(key, (counts.get(key) ?? 0) + 1)
}
