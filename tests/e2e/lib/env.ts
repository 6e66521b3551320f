// What scripts/e2e.mjs hands the specs.
import { join } from "node:path";

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the e2e suite through \`npm run test:e2e\``);
  return v;
}

export const e2e = {
  driverUrl: required("MIXDECK_E2E_DRIVER_URL"),
  application: required("MIXDECK_E2E_APP"),
  /** The standalone agora-sandbox binary, for specs that kill and restart the app. */
  sandbox: required("MIXDECK_E2E_SANDBOX"),
  /** "light" or "dark": the theme the OS (GTK) was told to use for this run. */
  theme: required("MIXDECK_E2E_THEME") as "light" | "dark",
  /** The app's XDG data home in this run: its database is `<this>/io.mixdeck.desktop/history.sqlite3`. */
  dataHome: required("MIXDECK_E2E_DATA_HOME"),
  /** The X display the app runs on (its clipboard). */
  display: required("MIXDECK_E2E_DISPLAY"),
  /** The app's Downloads folder in this run. */
  downloads: required("MIXDECK_E2E_DOWNLOADS"),
  screenshot(name: string): string {
    return join(required("MIXDECK_E2E_SCREENSHOTS"), `${name}-${e2e.theme}.png`);
  },
};
