#!/usr/bin/env bash
# Builds Vigil (Release), packs the Debian package with CPack, installs it with apt (which pulls
# its Depends) and smoke-tests the installed binaries: vigil-cli --version, a demo project made
# by the installed vigil-cli, and a screenshot of it taken by the installed vigil under xvfb-run.
#
# Usage: packaging/build-deb.sh [--remove] [--no-install]
#   --remove      uninstall the package again after the checks (apt-get remove -y vigil)
#   --no-install  only build the .deb (no install, no checks)
# Environment: VIGIL_BUILD_DIR (default ./build), VIGIL_JOBS (default: number of cores),
#              VIGIL_SHOT (default /tmp/vigil-deb-shot.png).
# Installing needs root (or sudo). Exit code 0 only if every step passed.
set -euo pipefail

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

remove=0
install=1
for arg in "$@"; do
  case "$arg" in
    --remove) remove=1 ;;
    --no-install) install=0 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

fail() { echo "build-deb: FAILED: $*" >&2; exit 1; }
step() { echo "build-deb: == $*"; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${VIGIL_BUILD_DIR:-$here/build}
build=$(mkdir -p "$build" && cd "$build" && pwd)
jobs=${VIGIL_JOBS:-$(nproc)}
shot=${VIGIL_SHOT:-/tmp/vigil-deb-shot.png}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

step "dependencies"
"$here/packaging/install-deps.sh" || fail "packaging/install-deps.sh"

step "configure and build Release in $build"
# The GUI must be in the package even if this build dir was configured without it.
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_WERROR=ON \
  -DVIGIL_BUILD_GUI=ON || fail "cmake configure"
cmake --build "$build" -j "$jobs" || fail "build"

step "cpack -G DEB"
rm -f "$build"/vigil_*.deb
(cd "$build" && cpack -G DEB) || fail "cpack -G DEB"
debs=("$build"/vigil_*.deb)
[ -f "${debs[0]}" ] || fail "cpack produced no vigil_*.deb in $build"
deb=${debs[0]}
echo "build-deb: package $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Architecture Section Depends

if [ "$install" -eq 0 ]; then
  exit 0
fi

step "apt-get install $deb"
# --reinstall: a rebuilt package with an unchanged version must still replace the installed one.
(cd "$build" && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --reinstall \
  "./$(basename "$deb")") || fail "apt-get install ./$(basename "$deb")"
dpkg-query -W -f='${Status}\n' vigil | grep -q "install ok installed" \
  || fail "vigil is not installed after apt-get install"

# From here on only the installed files are used: nothing from the build dir.
unset LD_LIBRARY_PATH QT_PLUGIN_PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

step "installed files"
for f in /usr/bin/vigil /usr/bin/vigil-cli /usr/share/applications/vigil.desktop \
         /usr/share/metainfo/io.github.vigil.Vigil.metainfo.xml \
         /usr/share/mime/packages/vigil-mime.xml \
         /usr/share/icons/hicolor/scalable/apps/vigil.svg \
         /usr/share/icons/hicolor/{16x16,32x32,48x48,64x64,128x128,256x256}/apps/vigil.png; do
  [ -s "$f" ] || fail "missing or empty installed file $f"
done
for b in /usr/bin/vigil /usr/bin/vigil-cli; do
  if ldd "$b" | grep -q "not found"; then
    ldd "$b" | grep "not found" >&2
    fail "$b has unresolved libraries"
  fi
done
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net /usr/share/metainfo/io.github.vigil.Vigil.metainfo.xml \
    || fail "appstreamcli validate"
fi
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/vigil.desktop || fail "desktop-file-validate"
fi

step "/usr/bin/vigil-cli --version"
version=$(/usr/bin/vigil-cli --version) || fail "/usr/bin/vigil-cli --version"
echo "$version"
want=$(dpkg-query -W -f='${Version}' vigil)
case "$version" in
  *"$want"*) ;;
  *) fail "vigil-cli --version says '$version', the package is $want" ;;
esac

step "demo project with /usr/bin/vigil-cli"
/usr/bin/vigil-cli demo --project "$work/demo.vigil" || fail "/usr/bin/vigil-cli demo"
[ -s "$work/demo.vigil" ] || fail "vigil-cli demo wrote no project"

step "screenshot with /usr/bin/vigil under xvfb-run"
rm -f "$shot"
xvfb-run -a /usr/bin/vigil --screenshot "$shot" "$work/demo.vigil" \
  || fail "xvfb-run -a /usr/bin/vigil --screenshot $shot"
[ -s "$shot" ] || fail "screenshot $shot is missing or empty"
file "$shot" | grep -q "PNG image" || fail "$shot is not a PNG: $(file -b "$shot")"
echo "build-deb: screenshot $shot ($(file -b "$shot"))"

if [ "$remove" -eq 1 ]; then
  step "apt-get remove vigil"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y vigil || fail "apt-get remove vigil"
fi
echo "build-deb: OK ($(basename "$deb"))"
