/**
 * An expected refusal in a staff action ("that slug is taken", "only approved wording can be
 * published"), with a message written for the person who tried. Domain functions throw it;
 * `staffAction` shows it on the form. Anything else is a bug and propagates.
 */
export class StaffActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Partial<Record<string, string[]>>,
  ) {
    super(message);
    this.name = "StaffActionError";
  }
}
