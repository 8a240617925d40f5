// Server CPU and memory read from /proc (Linux): CPU time from /proc/<pid>/stat, resident memory
// from /proc/<pid>/status, sampled while a scenario runs.

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let ticksPerSecond: number | null = null

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

export interface ProcReading {
  /** User + system CPU time consumed so far, in ms. */
  cpuMs: number
  rssBytes: number
  /** Peak resident set size (VmHWM). */
  hwmBytes: number
}

export function readProc(pid: number): ProcReading {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name is in parentheses and may contain spaces: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  return { cpuMs: ((utime + stime) * 1000) / clockTicks(), rssBytes: kb('VmRSS'), hwmBytes: kb('VmHWM') }
}

export function tryReadProc(pid: number | null): ProcReading | null {
  if (pid === null) return null
  try {
    return readProc(pid)
  } catch {
    return null
  }
}

export interface Usage {
  /** Average CPU over the window, in % of one core. */
  cpuPercent: number
  rssPeakBytes: number
  rssEndBytes: number
}

/** Samples `pids` every `intervalMs` until stopped; CPU is summed over them. */
export function startSampler(pids: () => readonly number[], intervalMs = 250) {
  const startedAt = performance.now()
  const first = new Map<number, number>()
  const last = new Map<number, number>()
  let rssPeak = 0
  let rssEnd = 0
  const sample = () => {
    let rss = 0
    for (const pid of pids()) {
      const reading = tryReadProc(pid)
      if (!reading) continue
      if (!first.has(pid)) first.set(pid, reading.cpuMs)
      last.set(pid, reading.cpuMs)
      rss += reading.rssBytes
    }
    rssPeak = Math.max(rssPeak, rss)
    rssEnd = rss
  }
  sample()
  const timer = setInterval(sample, intervalMs)
  return {
    stop(): Usage {
      clearInterval(timer)
      sample()
      const elapsed = performance.now() - startedAt
      let cpu = 0
      for (const [pid, end] of last) cpu += end - (first.get(pid) ?? end)
      return { cpuPercent: (cpu / elapsed) * 100, rssPeakBytes: rssPeak, rssEndBytes: rssEnd }
    },
  }
}
