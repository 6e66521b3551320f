import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Only ui/src/lib/ipc.ts talks to Tauri: every other module goes through its `api`.
const ipcBoundary = {
  patterns: [
    {
      group: ["@tauri-apps/*"],
      message: "Only ui/src/lib/ipc.ts imports @tauri-apps/*; use `api` from lib/ipc.",
    },
    {
      group: ["**/bindings", "**/bindings.ts"],
      importNames: ["commands", "events"],
      message: "Call commands through `api` in ui/src/lib/ipc.ts; import only types from bindings.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["ui/dist/**", "ui/src/bindings.ts", "target/**", "src-tauri/**", "node_modules/**"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["ui/src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": ["error", ipcBoundary],
    },
  },
  {
    files: ["ui/isolation/*.js"],
    languageOptions: { globals: globals.browser, sourceType: "script" },
  },
  {
    files: ["ui/src/lib/ipc.ts", "ui/src/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["ui/vite.config.ts", "scripts/**/*.{js,mjs,ts}", "tests/e2e/**/*.ts", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
);
