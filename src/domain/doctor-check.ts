/** One line of `recap doctor`: what was checked, whether it passed, and what to do if not. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do about a failed check. */
  fix?: string;
}
