/**
 * A decoded, untrusted JSON value as error-message text: its JSON, at most 80 characters.
 * Never String(value): a decoded object whose "toString" member is not a function makes
 * String() throw, and an error message must not be where a verifier crashes.
 */
export function shownValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
