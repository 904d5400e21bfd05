#!/usr/bin/python3
"""A minimal WebKitGTK browser for WebKitWebDriver, which logs every console message.

WebKitWebDriver starts it (the `webkitgtk:browserOptions` capability: `binary` and `args`,
`--automation`) and drives it through WebKit's automation session. Debian's MiniBrowser drops
console messages under automation; this one writes them to stdout ("CONSOLE ..." lines), so a
test can fail on a WebAssembly panic. Its website data (local storage, service workers, caches)
lives in the folder given as `--data-dir=PATH` (the caller removes it), else in a temporary
folder removed when it exits normally.

Needs Debian's python3-gi and gir1.2-webkit2-4.1 (WebKitGTK 2.50).
"""
import ctypes
import shutil
import signal
import sys
import tempfile

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

if "--automation" not in sys.argv[1:]:
    sys.exit("webkit-browser.py only runs under WebKitWebDriver (with --automation)")

# Dies with the driver that started it, however the driver ends (PR_SET_PDEATHSIG).
ctypes.CDLL(None).prctl(1, signal.SIGTERM)

given = [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--data-dir=")]
data_dir = given[0] if given else tempfile.mkdtemp(prefix="ds-webkit-")
manager = WebKit2.WebsiteDataManager(base_data_directory=data_dir + "/data", base_cache_directory=data_dir + "/cache")
context = WebKit2.WebContext(website_data_manager=manager)
context.set_automation_allowed(True)
settings = WebKit2.Settings()
settings.set_enable_write_console_messages_to_stdout(True)
settings.set_enable_developer_extras(True)
windows = []


def create_web_view(_session):
    view = WebKit2.WebView(web_context=context, settings=settings, is_controlled_by_automation=True)
    window = Gtk.Window()
    window.set_default_size(1024, 768)
    window.add(view)
    view.connect("close", lambda v: (windows.remove(window), window.destroy()))
    window.show_all()
    windows.append(window)
    return view


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    info.set_name("webkit-browser")
    info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
    session.set_application_info(info)
    session.connect("create-web-view", create_web_view)


context.connect("automation-started", automation_started)
for sig in (signal.SIGTERM, signal.SIGINT):
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, Gtk.main_quit)
try:
    Gtk.main()
finally:
    if not given:
        shutil.rmtree(data_dir, ignore_errors=True)
