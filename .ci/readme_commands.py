"""Print the README's fresh-machine commands, one per line: the lines of the first ```bash block
after "On a fresh machine". CI runs exactly these, so the README cannot drift from what is tested."""

import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
start = text.index("On a fresh machine")
block = re.search(r"```bash\n(.*?)\n```", text[start:], re.S)
if block is None:
    sys.exit("README: no ```bash block after 'On a fresh machine'")
lines = [line for line in block.group(1).splitlines() if line.strip()]
if len(lines) != 2:
    sys.exit(f"README: the fresh-machine block must hold exactly two commands, found {len(lines)}")
print("\n".join(lines))
