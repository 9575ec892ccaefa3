import { Icon } from './Icon';

/** A polite live region for the outcome of an action ("Saved.", "Moved up."). */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div aria-live="polite" aria-atomic="true" className="live">
      {message ? (
        <p className="status-line status-pass">
          <Icon name="check" /> {message}
        </p>
      ) : null}
    </div>
  );
}
