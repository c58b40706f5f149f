/** A speech bubble (the sign of comments), drawn so it needs no emoji font. */
export function CommentIcon({ size = 12, className }: { size?: number; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false">
      <path d="M2.5 2h11A1.5 1.5 0 0 1 15 3.5v7a1.5 1.5 0 0 1-1.5 1.5H7l-3.5 3v-3h-1A1.5 1.5 0 0 1 1 10.5v-7A1.5 1.5 0 0 1 2.5 2z" fill="currentColor" />
    </svg>
  );
}
