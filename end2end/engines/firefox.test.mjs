// The pair, console and projector flows in Firefox ESR (Debian's firefox-esr, WebDriver BiDi).
import { launchFirefox } from "./browsers.mjs";
import { engineSuite } from "./flows.mjs";

engineSuite("Firefox ESR", launchFirefox);
