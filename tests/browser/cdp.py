"""A small Chrome DevTools Protocol client: headless Debian chromium that contacts nothing.

Chromium starts with background networking, sync, updates, telemetry and first-run
off, on a throw-away profile, with its DevTools endpoint on 127.0.0.1 only. The page
is opened in a new tab; every console message, exception, CSP violation and request
of the page is recorded, so a test can assert there were none.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         "--metrics-recording-only", "--disable-extensions", "--disable-domain-reliability",
         "--disable-client-side-phishing-detection", "--disable-breakpad", "--no-default-browser-check",
         "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--dns-prefetch-disable",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")

#: Recorded before any script of the page runs: CSP violations the page triggers.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class Page:
    """One tab, attached through the browser's websocket (flat sessions)."""

    ws: Any
    session: str
    events: list[dict] = field(default_factory=list)
    next_id: int = 100

    def send(self, method: str, params: dict | None = None, timeout: float = 60) -> dict:
        self.next_id += 1
        wanted = self.next_id
        self.ws.send(json.dumps({"id": wanted, "method": method, "params": params or {}, "sessionId": self.session}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = json.loads(self.ws.recv())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
        raise TimeoutError(method)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        for event in self.events:
            if event["method"] == method:
                return event
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            message = json.loads(self.ws.recv())
            if "method" in message:
                self.events.append(message)
                if message["method"] == method:
                    return message
        raise TimeoutError(method)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def press(self, key: str, *, shift: bool = False) -> None:
        """A key as a person types it (keydown with its text, then keyup)."""
        named = {"Escape": ("Escape", 27), "Enter": ("Enter", 13)}
        if key in named:
            code, vk = named[key]
            params: dict = {"key": key, "code": code, "windowsVirtualKeyCode": vk}
        else:
            params = {"key": key, "text": key, "unmodifiedText": key.lower(),
                      "code": ("Key" + key.upper()) if key.isalpha() else ("Digit" + key if key.isdigit() else ""),
                      "windowsVirtualKeyCode": ord(key.upper())}
        params["modifiers"] = 8 if shift else 0
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **params})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **params})

    # what the page did -----------------------------------------------------

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def console_errors(self) -> list[str]:
        out = []
        for e in self.events:
            if e["method"] == "Runtime.exceptionThrown":
                out.append(json.dumps(e["params"]["exceptionDetails"])[:300])
            elif e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "warning", "assert"):
                out.append(json.dumps(e["params"]["args"])[:300])
            elif e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] in ("error", "warning"):
                out.append(e["params"]["entry"]["text"][:300])
        return out


class Browser:
    def __init__(self, executable: str) -> None:
        import websocket  # websocket-client, the `browser` extra: imported here so the default run needs none

        self.profile = Path(tempfile.mkdtemp(prefix="factcheck-chromium-"))
        self.process = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and len(port_file.read_text().split("\n")) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("chromium did not start")
            time.sleep(0.05)
        port, path = port_file.read_text().split("\n")[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=60, suppress_origin=True)
        self.next_id = 0

    def _browser_call(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def open(self, url: str, *, width: int = 1200, height: int = 900, mobile: bool = False) -> Page:
        """A new tab that records everything, then navigates to ``url`` and waits for load."""
        target = self._browser_call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._browser_call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self.ws, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        page.send("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
        page.events.clear()
        page.send("Page.navigate", {"url": url})
        page.wait_for("Page.loadEventFired")
        return page

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)
