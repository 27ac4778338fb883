#!/usr/bin/env bash
# The system packages the documents need (see README, "System packages"):
#   chromium             the phone-width screenshot test drives Debian's headless Chromium
#   fonts-noto-cjk       Japanese (and Chinese, Korean) text in the PDFs
#   libharfbuzz-subset0  WeasyPrint's font subsetter: small PDFs, the same bytes every run
#   libatomic1           the Node.js driver Playwright ships (it drives Chromium) links to it
# Installed with apt-get where this user may (root on Debian or Ubuntu); otherwise one
# message naming what is missing and the command that installs it. Never fails the build:
# the tests that need a missing package then say so.
set -u
PACKAGES="${PARTING_SYSTEM_PACKAGES:-chromium fonts-noto-cjk libharfbuzz-subset0 libatomic1}"
command -v dpkg >/dev/null 2>&1 || { echo "note: not a Debian system; the documents need: $PACKAGES (or your system's equivalents)" >&2; exit 0; }
need=""
for pkg in $PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages:$need" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null \
    || echo "warning: could not install:$need" >&2
else
  echo "note: the documents (PDF, screenshots) need system packages that are missing:$need" >&2
  echo "      install them with: sudo apt-get install$need" >&2
fi
exit 0
