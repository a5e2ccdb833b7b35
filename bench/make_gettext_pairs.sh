#!/usr/bin/env bash
# Real translation pairs for the TM benchmark, from the gettext catalogs that
# Debian packages ship (<lang>/LC_MESSAGES/*.mo, mostly under usr/share/locale).
#
#   bench/make_gettext_pairs.sh OUTDIR
#
# Downloads a fixed list of Debian 12 packages with `apt-get download` (no
# root, nothing installed), unpacks them with `dpkg-deb -x`, turns every de
# and fr catalog back into text with `msgunfmt`, and writes
#   OUTDIR/en-de.tsv, OUTDIR/en-fr.tsv   English<TAB>translation, one pair a line
# (newlines and tabs inside messages become spaces; untranslated entries and
# catalog headers are dropped; plural forms give their first form; the same
# pair from two catalogs is written once). The data belongs to its authors
# under its packages' licences: never commit it.
set -euo pipefail
out=${1:?usage: make_gettext_pairs.sh OUTDIR}
mkdir -p "$out/debs" "$out/root"
out=$(cd "$out" && pwd)

# Fixed, so that runs are comparable. Chosen for large, human-translated
# German and French catalogs (compilers, databases, office, graphics, games).
packages=(
  akregator apt aptitude-common audacity-data binutils-common calibre calligra-data claws-mail-i18n coreutils
  darktable digikam-data dolphin dpkg evince-common evolution-common evolution-data-server-common
  filezilla-common freeciv-data gcc-12-locales geany-common gettext gimp gimp-data git gnome-builder
  gnome-control-center-data gnote gnucash-common gnumeric-common gnupg-l10n gramps gwenview inkscape iso-codes
  k3b-data kaddressbook kalzium-data kate kdenlive-data kdepim-addons kdepim-runtime kdevelop-data kio
  kleopatra kmail kmymoney konsole konversation korganizer krita-data kstars-data ktexteditor-data
  ktorrent-data kwin-data libglib2.0-data libgtk-3-common libgtk-4-common libreoffice-l10n-de
  libreoffice-l10n-fr locales lyx-common marble-data mkvtoolnix-gui nautilus-data okular pidgin-data
  plasma-desktop-data plasma-workspace postgresql-15 rhythmbox-data shotwell-common util-linux-locales
  vlc-l10n warzone2100-data wesnoth-1.16-data
  baobab cantor e2fsprogs-l10n epiphany-browser-data file-roller gedit-common gnome-calendar gnome-disk-utility
  gnome-software-common gnome-system-monitor gnome-terminal-data grisbi-common grub-common gthumb-data
  hugin-data kexi-data kget kile kinfocenter konqueror labplot-data lincity-ng minetest-data neomutt okteta
  plasma-nm powerdevil-data skrooge-common system-config-printer-common systemsettings totem-common umbrello
  vim-runtime xkb-data
  libkf5akonadi-data libkf5akonadicalendar-data libkf5akonadisearch-data libkf5archive-data libkf5auth-data
  libkf5bluezqt-data libkf5bookmarks-data libkf5calendarsupport-data libkf5codecs-data libkf5completion-data
  libkf5config-data libkf5configwidgets-data libkf5contacts-data libkf5coreaddons-data libkf5dav-data
  libkf5dbusaddons-data libkf5declarative-data libkf5dnssd-data libkf5emoticons-data libkf5eventviews-data
  libkf5filemetadata-data libkf5globalaccel-data libkf5gravatar-data libkf5guiaddons-data libkf5holidays-data
  libkf5i18n-data libkf5iconthemes-data libkf5imap-data libkf5incidenceeditor-data libkf5itemviews-data
  libkf5jobwidgets-data libkf5jsembed-data libkf5kcmutils-data libkf5kdelibs4support-data libkf5khtml-data
  libkf5kipi-data libkf5kontactinterface-data libkf5ksieve-data libkf5ldap-data libkf5libkdepim-data
  libkf5libkleo-data libkf5mailcommon-data libkf5mailtransport-data libkf5mediaplayer-data libkf5mime-data
  libkf5newstuff-data libkf5notifications-data libkf5notifyconfig-data libkf5package-data libkf5parts-data
  libkf5people-data libkf5pimcommon-data libkf5pimtextedit-data libkf5pty-data libkf5sane-data
  libkf5screen-data libkf5service-data libkf5solid5-data libkf5sonnet5-data libkf5su-data
  libkf5syntaxhighlighting-data libkf5sysguard-data libkf5textwidgets-data libkf5unitconversion-data
  libkf5wallet-data libkf5widgetsaddons-data libkf5windowsystem-data libkf5xmlgui-data libkf5xmlrpcclient-data
)

cd "$out/debs"
for p in "${packages[@]}"; do
  if ! ls "${p}"_*.deb >/dev/null 2>&1; then
    apt-get download "$p" >/dev/null 2>&1 || echo "make_gettext_pairs: could not download $p (skipped)" >&2
  fi
done
for deb in "$out"/debs/*.deb; do
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out/root" --wildcards '*/LC_MESSAGES/*.mo' 2>/dev/null || true
done

for lang in de fr; do
  find "$out/root" -path "*/${lang}/LC_MESSAGES/*.mo" -o -path "*/${lang}_??/LC_MESSAGES/*.mo" |
    sort | while read -r mo; do
      msgunfmt --no-wrap "$mo" 2>/dev/null || true
      echo
    done | python3 -c '
import sys, re
# A small PO reader: msgid / msgid_plural / msgstr / msgstr[0] with C escapes.
def unquote(s):
    s = s.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "", "\"": "\"", "\\": "\\"}.get(m.group(1), m.group(1)), s)
def clean(s):
    return " ".join(s.split())
seen = set()
entry, key = {}, None
def flush():
    global entry
    src, tgt = entry.get("msgid", ""), entry.get("msgstr", entry.get("msgstr[0]", ""))
    if src and tgt:
        pair = (clean(src), clean(tgt))
        if pair[0] and pair[1] and pair not in seen:
            seen.add(pair)
            sys.stdout.write(pair[0] + "\t" + pair[1] + "\n")
    entry = {}
for line in sys.stdin.buffer:
    line = line.decode("utf-8", "replace").rstrip("\n")
    if not line.strip():
        flush(); key = None; continue
    if line.startswith("#"):
        continue
    m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)\s+(\".*\")$", line)
    if m:
        key = m.group(1); entry[key] = unquote(m.group(2))
    elif line.startswith("\"") and key:
        entry[key] += unquote(line)
flush()
' >"$out/en-${lang}.tsv"
  echo "en-${lang}: $(wc -l <"$out/en-${lang}.tsv") pairs in $out/en-${lang}.tsv"
done
