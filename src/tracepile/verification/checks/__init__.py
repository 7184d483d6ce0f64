"""The checks of each claim family, one mixin class per module; the Checker of check.py combines them
and walks the trace they read."""
