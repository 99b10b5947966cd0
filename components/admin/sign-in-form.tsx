"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { staffSignInSchema, type StaffSignIn } from "@/lib/auth/schemas";

const messages: Record<string, string> = {
  CredentialsSignin: "That email and password don't match a staff account.",
  TooManyAttempts: "Too many failed attempts. Wait 15 minutes, then try again.",
  AccessDenied: "Your single sign-on account is not a Portico staff account. Ask an admin to add you.",
};

export function SignInForm({ callbackUrl, ssoName, initialError }: { callbackUrl: string; ssoName?: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const form = useForm<StaffSignIn>({ resolver: zodResolver(staffSignInSchema) });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const result = await signIn("credentials", { ...values, redirect: false, callbackUrl });
    if (!result || result.error) setError(result?.error ?? "CredentialsSignin");
    else window.location.assign(result.url ?? callbackUrl);
  });

  return (
    <div className="space-y-4">
      {error ? <Alert>{messages[error] ?? "Sign-in failed. Try again."}</Alert> : null}
      <noscript>
        <Alert tone="info">Staff sign-in needs JavaScript. Turn it on for this site, then reload the page.</Alert>
      </noscript>
      {/* POST, never the default GET: without JavaScript a password must not end up in a URL. */}
      <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
        <Field id="email" label="Email" error={errors.email?.message}>
          <Input id="email" type="email" autoComplete="username" aria-invalid={Boolean(errors.email)} {...form.register("email")} />
        </Field>
        <Field id="password" label="Password" error={errors.password?.message}>
          <Input id="password" type="password" autoComplete="current-password" aria-invalid={Boolean(errors.password)} {...form.register("password")} />
        </Field>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {ssoName ? (
        <Button variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
          Sign in with {ssoName}
        </Button>
      ) : null}
    </div>
  );
}
