/** The Doorway mark: an open door. Decorative; the word beside it carries the name. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" className="brand-mark-bg" />
      <path
        d="M10 27V7.5A1.5 1.5 0 0 1 11.5 6h9A1.5 1.5 0 0 1 22 7.5V27"
        fill="none"
        className="brand-mark-door"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
      <circle cx="18.5" cy="17" r="1.6" className="brand-mark-knob" />
    </svg>
  );
}
