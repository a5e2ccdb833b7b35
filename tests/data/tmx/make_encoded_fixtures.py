#!/usr/bin/env python3
"""Writes the encoding fixtures from one UTF-8 source, so their text is the same:
utf8_bom.tmx, utf16le_bom.tmx, utf16be_bom.tmx, utf16le_no_bom.tmx (run from any directory)."""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = """<?xml version="1.0" encoding="{encoding}"?>
<tmx version="1.4">
  <header creationtool="HandMade" creationtoolversion="1" segtype="sentence" o-tmf="hand" adminlang="en"
          srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="enc-1">
      <tuv xml:lang="en"><seg>Caf\u00e9 \u2014 na\u00efve r\u00e9sum\u00e9.</seg></tuv>
      <tuv xml:lang="ko"><seg>\uce74\ud398\uc640 \uc774\ub825\uc11c.</seg></tuv>
    </tu>
    <tu tuid="enc-2">
      <tuv xml:lang="en"><seg>Emoji outside the BMP: \U0001F600 and \U00020BB7.</seg></tuv>
      <tuv xml:lang="ja"><seg>BMP\u5916\u306e\u6587\u5b57\uff1a\U0001F600 \u3068 \U00020BB7\u3002</seg></tuv>
    </tu>
  </body>
</tmx>
"""

(HERE / "utf8_bom.tmx").write_bytes(b"\xef\xbb\xbf" + SOURCE.format(encoding="UTF-8").encode("utf-8"))
(HERE / "utf16le_bom.tmx").write_bytes(b"\xff\xfe" + SOURCE.format(encoding="UTF-16").encode("utf-16-le"))
(HERE / "utf16be_bom.tmx").write_bytes(b"\xfe\xff" + SOURCE.format(encoding="UTF-16").encode("utf-16-be"))
(HERE / "utf16le_no_bom.tmx").write_bytes(SOURCE.format(encoding="UTF-16").encode("utf-16-le"))
