// A KPI value with its unit, as people write it: "101%", "455 k€ / quarter", "8.2".

export function formatValue(value: number, unit: string): string {
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)
  return unit === '%' ? `${n}%` : unit ? `${n} ${unit}` : n
}
