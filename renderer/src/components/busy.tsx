/** A long operation in progress: an indeterminate bar and a sentence of what is happening. */
export function Busy({ label, detail }: { label: string; detail?: string }) {
  return (
    <div className="busy" role="status">
      <progress aria-label={label} />
      <p>{label}</p>
      {detail && <p className="muted">{detail}</p>}
    </div>
  );
}
