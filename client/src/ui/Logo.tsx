// Tideboard's mark and name: two waves, for the tide of work moving through the funnel.

export function Logo({ withName = true }: { withName?: boolean }) {
  return (
    <span className="logo">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" fill="#123a5c" />
        <path
          d="M5 20c4-5 7-5 11 0s7 5 11 0"
          stroke="#67d4f5"
          strokeWidth="3"
          fill="none"
          strokeLinecap="round"
        />
        <path
          d="M5 13c4-5 7-5 11 0s7 5 11 0"
          stroke="#fff"
          strokeWidth="3"
          fill="none"
          strokeLinecap="round"
        />
      </svg>
      {withName && <span className="logo-name">Tideboard</span>}
    </span>
  )
}
