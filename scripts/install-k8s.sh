#!/usr/bin/env bash
# Builds (once per machine) the binaries the local fleet needs into a cache folder
# keyed by version:  etcd (Debian etcd-server), kube-apiserver and
# kube-controller-manager (built from Debian's kubernetes 1.20.2 source package).
#
# Usage: scripts/install-k8s.sh [CACHE_DIR]
#   CACHE_DIR defaults to ${SYNCPRIMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/syncprims}/k8s-1.20.2
# Needs root (apt-get) unless every binary is already there. Debian 12 (bookworm) or
# 13 (trixie). Cold: about 4-5 minutes on 2 cores; warm: instant. Progress goes to stderr;
# a failure ends with "FAILED at step: <step>" and exit status 1.
#
# Concurrent runs on one machine are serialised with flock on CACHE_DIR/.lock.
set -euo pipefail

K8S_VERSION=1.20.2
BOOKWORM_PKG_VERSION='1.20.5+really1.20.2-1.1+deb12u1'
# Bumped whenever the build recipe changes what the binaries do; a cache with another
# build id is rebuilt. 2: vendored modern-go/reflect2 1.0.1 replaced by 1.0.2 (see below).
BUILD_ID="$K8S_VERSION-syncprims.2"
CACHE_DIR=${1:-${SYNCPRIMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/syncprims}/k8s-$K8S_VERSION}
BIN_DIR=$CACHE_DIR/bin
STAMP=$BIN_DIR/.build-id
T0=$(date +%s)
step() { echo "[syncprims k8s] $*" >&2; }
fail() { echo "[syncprims k8s] FAILED at step: $*" >&2; exit 1; }
since() { echo "$(( $(date +%s) - $1 ))s"; }

mkdir -p "$BIN_DIR" || fail "creating $BIN_DIR"
have() { [ -x "$BIN_DIR/$1" ]; }
built() { have kube-apiserver && have kube-controller-manager && [ "$(cat "$STAMP" 2>/dev/null)" = "$BUILD_ID" ]; }
link_etcd() {
  have etcd && return 0
  local etcd
  etcd=$(command -v etcd || true)
  [ -n "$etcd" ] && ln -sf "$etcd" "$BIN_DIR/etcd"
}

link_etcd || true
if have etcd && built; then
  step "binaries present in $BIN_DIR"
  exit 0
fi

if command -v flock >/dev/null; then
  exec 9>"$CACHE_DIR/.lock"
  step "waiting for other installs in $CACHE_DIR (flock)"
  flock 9
  link_etcd || true
  if have etcd && built; then
    step "binaries present in $BIN_DIR (built by a concurrent run)"
    exit 0
  fi
fi

[ "$(id -u)" = 0 ] || fail "building needs root for apt-get (run as root, or set SYNCPRIMS_K8S_BIN to a folder with etcd, kube-apiserver, kube-controller-manager)"
command -v apt-get >/dev/null || fail "apt-get not found: this recipe needs Debian 12 or 13 (or set SYNCPRIMS_K8S_BIN)"
[ -r /etc/debian_version ] || fail "no /etc/debian_version: this recipe needs Debian 12 or 13 (or set SYNCPRIMS_K8S_BIN)"

DEBIAN_MAJOR=$(cut -d. -f1 /etc/debian_version)
case "$DEBIAN_MAJOR" in
  12) step "Debian 12 (bookworm): building its own kubernetes $K8S_VERSION source" ;;
  13) step "Debian 13 (trixie): its kubernetes source is 1.32 without vendor/, pinning bookworm's $BOOKWORM_PKG_VERSION" ;;
  *) fail "unsupported OS: /etc/debian_version is '$(cat /etc/debian_version)', this recipe knows Debian 12 and 13 (set SYNCPRIMS_K8S_BIN)" ;;
esac

SRC_LIST=/etc/apt/sources.list.d/syncprims-bookworm-src.sources
if [ ! -f "$SRC_LIST" ]; then
  step "adding a deb-src entry for bookworm ($SRC_LIST)"
  cat >"$SRC_LIST" <<SRC || fail "writing $SRC_LIST"
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
t=$(date +%s)
step "apt-get update"
apt-get update -qq || fail "apt-get update"
step "apt-get install etcd-server golang-go golang-github-modern-go-reflect2-dev rsync jq dpkg-dev make openssl"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  etcd-server golang-go golang-github-modern-go-reflect2-dev rsync jq dpkg-dev ca-certificates make openssl >/dev/null \
  || fail "apt-get install etcd-server golang-go golang-github-modern-go-reflect2-dev rsync jq dpkg-dev make openssl"
step "packages ready ($(since "$t"))"

link_etcd || fail "etcd binary not found after installing etcd-server"

if built; then
  step "done: $BIN_DIR ($(since "$T0"))"
  exit 0
fi

WORK=$CACHE_DIR/src
mkdir -p "$WORK"
cd "$WORK"
if ! ls kubernetes_*.orig.tar.gz >/dev/null 2>&1; then
  t=$(date +%s)
  if [ "$DEBIAN_MAJOR" = 12 ]; then
    step "apt-get source --download-only kubernetes (bookworm)"
    apt-get source --download-only kubernetes >/dev/null || fail "apt-get source --download-only kubernetes"
  else
    step "apt-get source --download-only kubernetes=$BOOKWORM_PKG_VERSION (pinned bookworm source)"
    apt-get source --download-only "kubernetes=$BOOKWORM_PKG_VERSION" >/dev/null || fail "apt-get source --download-only kubernetes=$BOOKWORM_PKG_VERSION"
  fi
  step "source downloaded ($(since "$t"))"
fi
TARBALL=$(ls kubernetes_*.orig.tar.gz | head -n1)
if [ ! -d tree ]; then
  step "unpacking $TARBALL"
  rm -rf tree.tmp && mkdir tree.tmp
  tar -xzf "$TARBALL" -C tree.tmp --strip-components=1 || fail "unpacking $TARBALL"
  mv tree.tmp tree
fi
cd tree
[ -d vendor ] || fail "the kubernetes source has no vendor/ folder (wrong source version?)"

# kubernetes 1.20 vendors github.com/modern-go/reflect2 v1.0.1, which reads Go's map
# iterator through go:linkname with the pre-1.18 layout: built with Go >= 1.18 the API
# server dies with "fatal error: fault" (SIGSEGV in aeshashbody) on the first request for a
# custom resource. reflect2 v1.0.2 fixes it; Debian ships its source.
REFLECT2=/usr/share/gocode/src/github.com/modern-go/reflect2
[ -f "$REFLECT2/go_above_118.go" ] || fail "patching vendor/github.com/modern-go/reflect2: $REFLECT2 (golang-github-modern-go-reflect2-dev 1.0.2) not found"
if [ ! -f vendor/github.com/modern-go/reflect2/go_above_118.go ]; then
  step "replacing vendored modern-go/reflect2 1.0.1 with Debian's 1.0.2 (Go >= 1.18 crash fix)"
  rm -rf vendor/github.com/modern-go/reflect2
  mkdir -p vendor/github.com/modern-go/reflect2
  find "$REFLECT2" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' \
    -exec cp {} vendor/github.com/modern-go/reflect2/ \; || fail "copying $REFLECT2 into vendor/"
fi

mkdir -p .go/src/k8s.io
[ -e .go/src/k8s.io/kubernetes ] || ln -s ../../.. .go/src/k8s.io/kubernetes
export GOPATH=$PWD/.go CGO_ENABLED=0 GOFLAGS=-mod=vendor GO111MODULE=on
export GOCACHE=$CACHE_DIR/go-build
rm -f "$STAMP"
for what in kube-apiserver kube-controller-manager; do
  step "building $what with $(go version | cut -d' ' -f3) (cold: minutes on 2 cores; log: $CACHE_DIR/build-$what.log)"
  t=$(date +%s)
  make WHAT=cmd/$what >"$CACHE_DIR/build-$what.log" 2>&1 || { tail -n 30 "$CACHE_DIR/build-$what.log" >&2; fail "make WHAT=cmd/$what (log: $CACHE_DIR/build-$what.log)"; }
  cp "_output/bin/$what" "$BIN_DIR/$what.tmp" && mv "$BIN_DIR/$what.tmp" "$BIN_DIR/$what" || fail "copying $what to $BIN_DIR"
  step "built $what in $(since "$t")"
done
echo "$BUILD_ID" >"$STAMP"
step "done: $BIN_DIR ($(since "$T0"))"
