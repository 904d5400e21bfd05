// The pair, console and projector flows in WebKit (WebKitGTK's WebKitWebDriver; under xvfb-run).
import { launchWebKit } from "./browsers.mjs";
import { engineSuite } from "./flows.mjs";

engineSuite("WebKit", launchWebKit);
