/**
 * The ribbon's function file (commands.html). Each ExecuteFunction button of the manifest names
 * one function here; Office.actions.associate ties the name to it once Office is ready.
 */
import { colorRegister } from './excel/commands';
import { runRibbonCommand, type OfficeUi, type RibbonEvent } from './ribbon';

/** The FunctionName of each ExecuteFunction button in manifest.xml and what it runs. */
export const RIBBON_FUNCTIONS = {
  colorRegister,
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
      void runRibbonCommand(name, event, command, {
        ui: Office.context?.ui,
        storage: storage(),
        pageUrl: window.location.href,
        now: () => new Date(),
        setTimer: (callback, ms) => window.setTimeout(callback, ms),
      });
    });
  }
});
