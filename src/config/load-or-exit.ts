import { ConfigError, loadConfig, type AppConfig } from './app-config.js';

/** Entry points stop at once, naming every bad variable, rather than start half-configured. */
export function loadConfigOrExit(processName: string): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`sportello ${processName}: ${error.message}\nSee .env.example for every variable.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
