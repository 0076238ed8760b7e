#!/usr/bin/python3
"""Edits a copy of the data file as the data guide (docs/data-guide.md, 3.2) tells an editor to do
in QGIS, through QGIS's own Python API, and checks that the save kept what it must.

    sudo apt-get install qgis python3-qgis      # Debian or Ubuntu; QGIS 3.22 was checked
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis-check.py [data/nagaoka.geojson]

It edits a place's English name and its url, moves a point, copies a place with a new id and
deletes another, saves with the layer's own save (Layer > Save Layer Edits), then checks that
`meta` is unchanged, that the nested members are still objects, that the counts are right and
that the validator finds no error. It also shows what "Save Features As…" makes of the file.
Not part of ./scripts/test: QGIS is a large install that the app does not need."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from qgis.core import (QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject,
                       QgsVectorFileWriter, QgsVectorLayer)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
source = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "nagaoka.geojson"))
work = tempfile.mkdtemp(prefix="qgis-check-")
copy = os.path.join(work, "nagaoka.geojson")
shutil.copyfile(source, copy)
before = json.load(open(source, encoding="utf-8"))

app = QgsApplication([], False)
app.setPrefixPath("/usr", True)
app.initQgis()
layer = QgsVectorLayer(copy, "places", "ogr")
if not layer.isValid():
    sys.exit(f"QGIS could not open {copy}")
field = layer.fields().indexOf
features = list(layer.getFeatures())
places = [f for f in features if f["kind"] != "area"]
edited, moved, copied, deleted = places[5], places[2], places[3], places[4]
layer.startEditing()
name = dict(edited["name"])
name["en"] += " (edited)"
layer.changeAttributeValue(edited.id(), field("name"), name)
layer.changeAttributeValue(edited.id(), field("url"), "https://www.city.nagaoka.niigata.jp/")
point = moved.geometry().asPoint()
layer.changeGeometry(moved.id(), QgsGeometry.fromPointXY(QgsPointXY(point.x() + 0.0001, point.y())))
twin = QgsFeature(copied)
twin.setAttribute("id", copied["id"] + "-copy")
layer.addFeature(twin)
layer.deleteFeature(deleted.id())
if not layer.commitChanges():
    sys.exit(f"Save Layer Edits failed: {layer.commitErrors()}")

after = json.load(open(copy, encoding="utf-8"))
failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
check(after.get("meta") == before.get("meta"), "meta is kept as it was")
props = {f["properties"]["id"]: f["properties"] for f in after["features"]}
check(len(after["features"]) == len(before["features"]), "one feature added and one deleted: the same count")
check(deleted["id"] not in props and copied["id"] + "-copy" in props, "the deleted place is gone and the copy is there")
check(props.get(edited["id"], {}).get("name", {}).get("en", "").endswith(" (edited)"), "the edited name is saved")
check(all(isinstance(p.get("name"), dict) for p in props.values()), "every name is still a {ja, en} object")
check(all(isinstance(p["facts"], dict) for p in props.values() if p.get("facts") is not None), "facts are still objects")
validate = subprocess.run(["cargo", "run", "-q", "--bin", "validate", "--", copy], cwd=ROOT, capture_output=True, text=True)
summary = validate.stdout.strip().splitlines()[-1] if validate.stdout.strip() else validate.stderr.strip()
print("     " + summary)
check(validate.returncode == 0 and summary.endswith(" 0 errors, 0 warnings"), "the validator finds nothing wrong")

options = QgsVectorFileWriter.SaveVectorOptions()
options.driverName = "GeoJSON"
options.layerOptions = ["RFC7946=YES"]
exported = os.path.join(work, "exported.geojson")
result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, exported, QgsProject.instance().transformContext(), options)
count = len(json.load(open(exported, encoding="utf-8")).get("features", [])) if os.path.exists(exported) else 0
print(f"note Save Features As…: {result[0] == QgsVectorFileWriter.NoError and 'written' or 'failed'} ({result[1] or 'no message'}), "
      f"{count} features in the file (the guide says not to use it)")
print(f"files in {work}", flush=True)
# Not app.exitQgis(): tearing QGIS down with the layer alive crashes PyQGIS 3.22 at exit.
os._exit(1 if failures else 0)
