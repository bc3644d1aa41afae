#!/usr/bin/env bash
# Builds (once per machine) the binaries the local fleet needs into a cache folder
# keyed by version:  etcd (Debian etcd-server), kube-apiserver and
# kube-controller-manager (built from Debian's kubernetes 1.20.2 source package).
#
# Usage: scripts/install-k8s.sh [CACHE_DIR]
#   CACHE_DIR defaults to ${SYNCPRIMS_CACHE:-$HOME/.cache/syncprims}/k8s-1.20.2
# Needs root (apt-get) unless every binary is already there.
set -euo pipefail

K8S_VERSION=1.20.2
BOOKWORM_PKG_VERSION='1.20.5+really1.20.2-1.1+deb12u1'
CACHE_DIR=${1:-${SYNCPRIMS_CACHE:-$HOME/.cache/syncprims}/k8s-$K8S_VERSION}
BIN_DIR=$CACHE_DIR/bin
step() { echo "[syncprims k8s] $*" >&2; }
fail() { echo "[syncprims k8s] FAILED at step: $*" >&2; exit 1; }

mkdir -p "$BIN_DIR"
have() { [ -x "$BIN_DIR/$1" ]; }
if have etcd && have kube-apiserver && have kube-controller-manager; then
  step "binaries present in $BIN_DIR"
  exit 0
fi

[ "$(id -u)" = 0 ] || fail "building needs root for apt-get (or set SYNCPRIMS_K8S_BIN to a folder with etcd, kube-apiserver, kube-controller-manager)"
command -v apt-get >/dev/null || fail "apt-get not found: this recipe needs Debian 12 or 13"

DEBIAN_MAJOR=$(cut -d. -f1 /etc/debian_version 2>/dev/null || echo unknown)
step "Debian $DEBIAN_MAJOR detected"
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
step "apt-get update"
apt-get update -qq || fail "apt-get update"
step "apt-get install etcd-server golang-go rsync jq dpkg-dev"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  etcd-server golang-go rsync jq dpkg-dev ca-certificates make >/dev/null || fail "apt-get install etcd-server golang-go rsync jq"

if ! have etcd; then
  ETCD=$(command -v etcd || true)
  [ -n "$ETCD" ] || fail "etcd binary not found after installing etcd-server"
  ln -sf "$ETCD" "$BIN_DIR/etcd"
fi

if have kube-apiserver && have kube-controller-manager; then exit 0; fi

WORK=$CACHE_DIR/src
mkdir -p "$WORK"
cd "$WORK"
if ! ls kubernetes_*.orig.tar.gz >/dev/null 2>&1; then
  if [ "$DEBIAN_MAJOR" = 12 ]; then
    step "apt-get source --download-only kubernetes (bookworm)"
    apt-get source --download-only kubernetes >/dev/null || fail "apt-get source --download-only kubernetes"
  else
    # Debian 13+: its own kubernetes source is 1.32 without vendor/; pin bookworm's.
    step "apt-get source --download-only kubernetes=$BOOKWORM_PKG_VERSION (pinned bookworm source)"
    apt-get source --download-only "kubernetes=$BOOKWORM_PKG_VERSION" >/dev/null || fail "apt-get source kubernetes=$BOOKWORM_PKG_VERSION"
  fi
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
mkdir -p .go/src/k8s.io
[ -e .go/src/k8s.io/kubernetes ] || ln -s ../../.. .go/src/k8s.io/kubernetes
export GOPATH=$PWD/.go CGO_ENABLED=0 GOFLAGS=-mod=vendor GO111MODULE=on
export GOCACHE=$CACHE_DIR/go-build
for what in kube-apiserver kube-controller-manager; do
  if ! have $what; then
    step "building $what with $(go version | cut -d' ' -f3) (cold: several minutes on 2 cores)"
    start=$(date +%s)
    make WHAT=cmd/$what >"$CACHE_DIR/build-$what.log" 2>&1 || { tail -n 30 "$CACHE_DIR/build-$what.log" >&2; fail "make WHAT=cmd/$what (log: $CACHE_DIR/build-$what.log)"; }
    cp "_output/bin/$what" "$BIN_DIR/$what.tmp" && mv "$BIN_DIR/$what.tmp" "$BIN_DIR/$what"
    step "built $what in $(( $(date +%s) - start ))s"
  fi
done
step "done: $BIN_DIR"
