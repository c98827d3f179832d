#!/bin/sh
# scripts/manpage.sh: writes aelab's man page (roff, section 1) to stdout, generated from the
# binary's own help text, so it always matches the installed version:
#   scripts/manpage.sh .build/release/aelab > aelab.1
# NAME and SYNOPSIS come from `aelab --help`; one subsection per subcommand holds its
# `aelab help SUBCOMMAND` text verbatim. (argument-parser's generate-manual plugin gives a
# finer page but needs a SwiftPM build of its tool; this runs anywhere the binary runs.)
set -eu
binary=$1
version=$("$binary" --version)
# Backslashes and leading dots or quotes would be read as roff requests; escape them.
escape() { sed -e 's/\\/\\e/g' -e 's/^\([.'"'"']\)/\\\&\1/'; }
subcommands=$("$binary" --help | awk '/^SUBCOMMANDS:/ {on=1; next} on && /^  [a-z]/ {print $1}')
cat <<HEAD
.TH AELAB 1 "" "aelab $version" "User Commands"
.SH NAME
aelab \\- $("$binary" --help | sed -n 's/^OVERVIEW: //p' | escape)
.SH SYNOPSIS
.B aelab
.RI [ subcommand ]
.RI [ options ]
.SH DESCRIPTION
.nf
HEAD
"$binary" --help | escape
echo ".fi"
echo ".SH SUBCOMMANDS"
for sub in $subcommands; do
  echo ".SS aelab $sub"
  echo ".nf"
  "$binary" help "$sub" | escape
  echo ".fi"
done
cat <<'TAIL'
.SH FILES
.TP
.I $XDG_CONFIG_HOME/aelab/themes, ~/.config/aelab/themes
The user's themes (btop-style theme[key]="value" files); searched first.
.TP
.I $XDG_CONFIG_HOME/aelab/presets, ~/.config/aelab/presets
The user's experiment presets (TOML); searched first.
.TP
.I PREFIX/share/aelab/themes, PREFIX/share/aelab/presets
The installed themes and presets.
.SH ENVIRONMENT
.TP
.B AELAB_PRESETS
A folder of presets searched before all others.
.TP
.B AELAB_HOME
A folder whose themes/ is searched before all others.
TAIL
