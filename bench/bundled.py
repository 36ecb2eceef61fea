"""The bundled project copied for a benchmark (shared by bench/generate.py and bench/impact-rows.py)."""
import os, shutil

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def copy_to(out):
    """Writes a fresh copy of the bundled project into out, with the repository's node_modules linked."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for item in ("jbake.properties", "content", "data", "site-templates"):
        src = os.path.join(REPO, item)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(out, item))
    # The DSFR theme's files come from npm (installed by mvn package).
    os.symlink(os.path.join(REPO, "node_modules"), os.path.join(out, "node_modules"))
