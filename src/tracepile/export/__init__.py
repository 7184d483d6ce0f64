"""Export: a corpus to training files (CPT documents, TRL prompt-completion, messages, two-stage),
with controls and splits by program; `export_corpus(corpus, out, ExportConfig(...))`."""

from tracepile.export.records import CONTROLS, ExportError
from tracepile.export.write import FORMATS, ExportConfig, ExportReport, export_corpus

__all__ = ["CONTROLS", "FORMATS", "ExportConfig", "ExportError", "ExportReport", "export_corpus"]
