# scalp-micropigmentation: a Python call in GIMP 3 that leaves arguments
# out gets the table's defaults, the pigment included (GIMP 3.0 hands
# other plug-ins a colour argument's default as transparent black; the
# plug-in takes the charcoal for it).  Run by run-gimp3-test.sh inside
# python-fu-eval; prints "ok - NAME" or "not ok - NAME" per check and a
# final "smp-result PASSED FAILED".
import gi

gi.require_version("Gimp", "3.0")
from gi.repository import Gimp  # noqa: E402

results = [0, 0]


def check(name, ok, detail=""):
    results[0 if ok else 1] += 1
    print("%s - %s" % ("ok" if ok else "not ok", name), flush=True)
    if detail and not ok:
        print("# " + detail.replace("\n", "\n# "), flush=True)


def scalp():
    img = Gimp.Image.new(200, 150, Gimp.ImageBaseType.RGB)
    layer = Gimp.Layer.new(img, "skin", 200, 150, Gimp.ImageType.RGB_IMAGE,
                           100, Gimp.LayerMode.NORMAL)
    img.insert_layer(layer, None, 0)
    img.set_resolution(254, 254)
    img.select_ellipse(Gimp.ChannelOps.REPLACE, 20, 15, 160, 120)
    return img, layer


proc = Gimp.get_pdb().lookup_procedure("plug-in-scalp-micropigmentation")
img, layer = scalp()
config = proc.create_config()
config.set_property("image", img)
config.set_core_object_array("drawables", [layer])
config.set_property("seed", 7)
result = proc.run(config)
check("a call with only the image and drawable succeeds",
      result.index(0) == Gimp.PDBStatusType.SUCCESS)
made = result.index(1)
treatment = bytes(made.get_parasite(
    "scalp-micropigmentation-treatment").get_data()).decode() if made else ""
print("# " + treatment.replace("\n", "\n# "), flush=True)
lines = treatment.splitlines()
check("the pigment left out is the charcoal (46, 44, 50)",
      "pigment=0.1803921568627451;0.17254901960784313;0.19607843137254902;"
      in lines, treatment)
# Scale 0, the default, is the image's resolution: 254 ppi, 100 px per cm.
check("the other arguments left out are the table's defaults",
      all(x in lines for x in ("density=80", "dot-size=0.5", "opacity=95",
                               "sessions=3", "output=1", "scale=100")),
      treatment)
img.delete()
print("smp-result %d %d" % tuple(results), flush=True)
