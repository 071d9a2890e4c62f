"""A warm LibreOffice for PDF conversion, driven over UNO; run by the python that has `uno`.

    python3 _uno_bridge.py OFFICE_BINARY PROFILE_URL PIPE_NAME

Not imported by the service: Debian's `uno` module (python3-uno) is built for the system's
python, not the service's virtual environment, so this file runs as a subprocess of its own
and imports nothing but the standard library and `uno`. It starts the office (a child in the
caller's process group), then answers JSON lines on stdin/stdout:

    first line out       {"ready": true, "office_pid": N}  or  {"error": "..."}
    in                   {"source": "/abs/document.docx", "target": "/abs/document.pdf"}
    out                  {"ok": true}  or  {"error": "...", "office_gone": bool}

It leaves when stdin closes (stopping the office) or when the office has gone.
"""

import json
import subprocess
import sys
import time

# LibreOffice ends its first start on a new profile with this code, asking to be started
# again (its launcher, oosplash, does so; we run soffice.bin directly to know its pid).
RESTART_REQUESTED = 81


def say(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def start_office(binary: str, profile_url: str, pipe_name: str) -> subprocess.Popen:
    command = [binary, f"-env:UserInstallation={profile_url}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               f"--accept=pipe,name={pipe_name};urp;StarOffice.ComponentContext"]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=sys.stderr)


def connect(uno, binary: str, profile_url: str, pipe_name: str):
    """(office process, its desktop), once the office answers on its pipe."""
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    office = start_office(binary, profile_url, pipe_name)
    # The caller bounds the whole start by how long it waits for our first line.
    while True:
        code = office.poll()
        if code == RESTART_REQUESTED:
            office = start_office(binary, profile_url, pipe_name)
        elif code is not None:
            raise RuntimeError(f"LibreOffice exited with code {code} while starting")
        try:
            context = resolver.resolve(
                f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.05)
            continue
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        return office, desktop


def convert(uno, desktop, source: str, target: str) -> None:
    from com.sun.star.beans import PropertyValue

    def properties(**values):
        return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())

    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, properties(Hidden=True, ReadOnly=True))
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        document.storeToURL(uno.systemPathToFileUrl(target),
                            properties(FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


def serve(uno, office: subprocess.Popen, desktop) -> None:
    from com.sun.star.lang import DisposedException

    for line in sys.stdin:
        if office.poll() is not None:
            say({"error": "LibreOffice has stopped", "office_gone": True})
            return
        request = json.loads(line)
        try:
            convert(uno, desktop, request["source"], request["target"])
        except Exception as error:  # noqa: BLE001 - any UNO failure is the caller's answer
            # A disposed bridge is a dead connection even before the office's exit is seen.
            gone = isinstance(error, DisposedException) or office.poll() is not None
            say({"error": f"{type(error).__name__}: {error}", "office_gone": gone})
            if gone:
                return
        else:
            say({"ok": True})


def main() -> None:
    binary, profile_url, pipe_name = sys.argv[1:4]
    try:
        import uno
    except ImportError as error:
        say({"error": f"this python ({sys.executable}) has no UNO bridge: {error}"})
        sys.exit(1)
    try:
        office, desktop = connect(uno, binary, profile_url, pipe_name)
    except Exception as error:  # noqa: BLE001 - reported to the caller, which falls back
        say({"error": f"{type(error).__name__}: {error}"})
        sys.exit(1)
    say({"ready": True, "office_pid": office.pid})
    try:
        serve(uno, office, desktop)
    finally:
        office.terminate()
        try:
            office.wait(timeout=5)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
