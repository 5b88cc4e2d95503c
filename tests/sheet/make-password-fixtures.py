"""Writes tests/sheet/password.xlsx and password.ods: a one-cell workbook locked with the
password `secret`, saved by LibreOffice (rust_xlsxwriter cannot encrypt).

LibreOffice 7.4's `--convert-to` ignores a password, so this drives it through UNO:
    PYTHONPATH=/usr/lib/python3/dist-packages:/usr/lib/libreoffice/program \
        /usr/bin/python3 tests/sheet/make-password-fixtures.py
The xlsx needs `EncryptionData` with `OOXPassword` and `CryptoType: Standard` (Agile
fails to save); the ods takes a plain `Password`.
"""
import os, subprocess, tempfile, time
import uno
from com.sun.star.beans import PropertyValue, NamedValue

here = os.path.dirname(os.path.abspath(__file__))

def pv(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

profile = tempfile.mkdtemp()
office = subprocess.Popen(["soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + profile,
                           "--accept=socket,host=127.0.0.1,port=2202;urp;"])
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(60):
    try:
        ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=2202;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.5)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (pv("Hidden", True),))
doc.Sheets.getByIndex(0).getCellByPosition(0, 0).setString("sosei")
xlsx_key = uno.Any("[]com.sun.star.beans.NamedValue",
                   (NamedValue("OOXPassword", "secret"), NamedValue("CryptoType", "Standard")))
uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(os.path.join(here, "password.xlsx")),
                               (pv("FilterName", "Calc MS Excel 2007 XML"), pv("EncryptionData", xlsx_key))))
doc.storeToURL(uno.systemPathToFileUrl(os.path.join(here, "password.ods")),
               (pv("FilterName", "calc8"), pv("Password", "secret")))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
office.wait(timeout=30)
