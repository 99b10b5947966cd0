/**
 * The guest pages' only script, run in the guest's browser: page-assets.ts compiles this file
 * with esbuild into a small ES2017 script that every form page inlines (no imports here: it
 * must stand alone in the browser).
 *
 * A page sent in answer to a form post (the consent page after the login, the success page
 * after consent) carries its own address in `data-location`; the address bar is set to it, so
 * reloading or sharing the page asks for it again instead of sending the form again.
 *
 * Forms are marked `novalidate`, so without JavaScript they post as they are and the server
 * answers with its errors. With JavaScript, this asks the browser's own constraint validation
 * (required, type, pattern, maxlength, min/max: set from the same limits as the zod schemas)
 * which fields fail, and shows the page's translated message for each (data-missing,
 * data-invalid, data-long on the field) exactly where and how the server would, instead of
 * the browser's bubble; an invalid form is not sent. A valid form is sent once.
 */
export function enhancePortalPage(): void {
  const location = document.body.getAttribute("data-location");
  if (location && window.history && window.history.replaceState) window.history.replaceState(null, "", location);

  const messageFor = (field: HTMLInputElement): string | null => {
    const validity = field.validity;
    if (validity.valid) return null;
    if (validity.valueMissing) return field.getAttribute("data-missing");
    if (validity.tooLong) return field.getAttribute("data-long") || field.getAttribute("data-invalid");
    return field.getAttribute("data-invalid");
  };

  const describedBy = (field: HTMLInputElement, id: string, on: boolean) => {
    const ids = (field.getAttribute("aria-describedby") || "").split(" ").filter((each) => each !== "" && each !== id);
    if (on) ids.push(id);
    if (ids.length > 0) field.setAttribute("aria-describedby", ids.join(" "));
    else field.removeAttribute("aria-describedby");
  };

  const show = (field: HTMLInputElement, message: string | null) => {
    const id = field.id + "-error";
    let error = document.getElementById(id);
    if (message) {
      if (!error) {
        error = document.createElement("p");
        error.id = id;
        error.className = "error";
        error.setAttribute("role", "alert");
        (field.closest("[data-field]") || field.parentElement)!.appendChild(error);
      }
      error.textContent = message;
      field.setAttribute("aria-invalid", "true");
    } else {
      if (error) error.parentNode!.removeChild(error);
      field.removeAttribute("aria-invalid");
    }
    describedBy(field, id, Boolean(message));
  };

  const enhance = (form: HTMLFormElement) => {
    const fields = Array.prototype.slice.call(form.querySelectorAll("[data-missing],[data-invalid]")) as HTMLInputElement[];
    form.addEventListener("submit", (event) => {
      if (form.hasAttribute("data-sending")) {
        event.preventDefault();
        return;
      }
      let firstInvalid: HTMLInputElement | null = null;
      for (const field of fields) {
        const message = messageFor(field);
        show(field, message);
        if (message && !firstInvalid) firstInvalid = field;
      }
      if (firstInvalid) {
        event.preventDefault();
        firstInvalid.focus();
        return;
      }
      form.setAttribute("data-sending", "");
      const buttons = form.querySelectorAll("button");
      for (let i = 0; i < buttons.length; i++) buttons[i]!.setAttribute("aria-disabled", "true");
    });
    // Fields are checked when the form is sent, then re-checked as the guest corrects them.
    // Not on leaving a field: a message appearing then would push the button away from under
    // the finger that is tapping it.
    for (const field of fields) {
      field.addEventListener(field.type === "checkbox" ? "change" : "input", () => {
        if (field.hasAttribute("aria-invalid")) show(field, messageFor(field));
      });
    }
    form.setAttribute("data-enhanced", "");
  };

  // The gateway's own login form (MikroTik, Cisco, Aruba): the device is let on when it is
  // posted, so it goes at once; without JavaScript the guest taps its button.
  const gatewayForms = document.querySelectorAll("form[data-autosubmit]");
  if (gatewayForms.length > 0) (gatewayForms[0] as HTMLFormElement).submit();

  const forms = document.querySelectorAll("form[data-validate]");
  for (let i = 0; i < forms.length; i++) enhance(forms[i] as HTMLFormElement);
  // Coming back to a page kept in the back/forward cache: the form may be sent again.
  window.addEventListener("pageshow", () => {
    for (let i = 0; i < forms.length; i++) forms[i]!.removeAttribute("data-sending");
    const buttons = document.querySelectorAll("form[data-validate] button");
    for (let i = 0; i < buttons.length; i++) buttons[i]!.removeAttribute("aria-disabled");
  });
}
