import { Icon } from './Icon';

/** Messages of a rejected form that belong to no single field. */
export function FormAlert({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div className="alert alert-error" role="alert">
      <Icon name="warning" />
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
