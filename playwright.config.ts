// Guest journeys in Chromium at a phone viewport, against the production build served on a
// database created for this run alone (e2e/support/serve.ts). See docs/TESTING.md.
import { defineConfig } from "@playwright/test";

import { chromiumArgs, chromiumExecutable, e2eRun } from "./e2e/support/run";

const run = e2eRun();
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // The app runs with a small connection pool; one worker keeps the run predictable.
  workers: 1,
  fullyParallel: false,
  forbidOnly: ci,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: run.baseURL,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "phone-chromium",
      testIgnore: "admin/**",
      use: {
        browserName: "chromium",
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        userAgent:
          "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
        launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
      },
    },
    {
      // Staff work at a desk.
      name: "desktop-chromium",
      testMatch: "admin/**/*.spec.ts",
      use: {
        browserName: "chromium",
        viewport: { width: 1280, height: 900 },
        launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
      },
    },
  ],
  webServer: {
    command: "node_modules/.bin/tsx e2e/support/serve.ts",
    url: `${run.baseURL}/p/demo`,
    reuseExistingServer: false,
    // Includes a production build when there is none yet.
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets the serve script stop the app and drop its database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
