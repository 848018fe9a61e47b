import type { RunForm } from '../run-form.js';

/** What each fieldset of the Run screen gets: the form as typed and a setter for one field. */
export interface FieldProps {
  form: RunForm;
  set: <K extends keyof RunForm>(key: K, value: RunForm[K]) => void;
}
