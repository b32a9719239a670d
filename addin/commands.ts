/**
 * The ribbon's function file (commands.html). Each ExecuteFunction button of the manifest names
 * one function here; Office.actions.associate ties the name to it once Office is ready.
 */
import { colorRegister, writeSummary } from './excel/commands';
import { runRibbonCommand, type OfficeUi, type RibbonEvent } from './ribbon';

/**
 * The FunctionName of each ExecuteFunction button in manifest.xml, what it runs, and whether
 * its success is shown too (summary: its numbers; colour speaks for itself in the sheet).
 */
export const RIBBON_FUNCTIONS = {
  colorRegister: { run: colorRegister, tellSuccess: false },
  writeSummary: { run: writeSummary, tellSuccess: true },
} as const;

declare const Office: {
  onReady(): Promise<unknown>;
  actions: { associate(name: string, action: (event: RibbonEvent) => void): void };
  context?: { ui?: OfficeUi };
};

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

void Office.onReady().then(() => {
  for (const [name, command] of Object.entries(RIBBON_FUNCTIONS)) {
    Office.actions.associate(name, (event) => {
      void runRibbonCommand(name, event, () => command.run(), {
        tellSuccess: command.tellSuccess,
        ui: Office.context?.ui,
        storage: storage(),
        pageUrl: window.location.href,
        now: () => new Date(),
        setTimer: (callback, ms) => window.setTimeout(callback, ms),
      });
    });
  }
});
