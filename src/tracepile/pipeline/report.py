"""The corpus report: one self-contained HTML page with the Table-2-style summary, plots (inline SVG)
of tokens, trace lengths, question kinds, rejections and rewrites, and a few samples rendered."""

from __future__ import annotations

import html
import io
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

from tracepile.pipeline.read import iter_samples
from tracepile.pipeline.stats import corpus_stats

COLUMNS = ["id", "program_id", "domain", "kind", "prompt", "response", "answer", "stats", "provenance"]


def write_report(folder: str | Path, out: str | Path | None = None, samples_shown: int = 3, seed: int = 0) -> Path:
    """Write `report.html` (or `out`) for the corpus in `folder`; returns its path."""
    folder = Path(folder)
    rows = list(iter_samples(folder, COLUMNS))
    summary = corpus_stats(folder)
    manifest = json.loads((folder / "manifest.json").read_text()) if (folder / "manifest.json").exists() else {}
    tokens = _tokens(rows)
    sections = [
        _summary_table(summary),
        _figure("Tokens per sample, by domain", _histograms({d: v for d, v in _by_domain(rows, tokens).items()}, "tokens")),
        _figure("Trace length (executed lines), by domain",
                _histograms(_by_domain(rows, [r["stats"]["lines"] for r in rows]), "executed lines")),
        _figure("Question kinds", _bars(Counter(r["kind"] for r in rows), "samples")),
        _figure("Rejections by reason", _bars(Counter(summary["rejected"]), "inputs rejected")
                if summary["rejected"] else None, empty="No input was rejected."),
        _figure("Rewrite acceptance", _bars(manifest.get("rewrites", {}), "accepted share")
                if manifest.get("rewrites") else None, empty="This corpus was built without code rewrites."),
        _evaluations(folder),
        _samples(random.Random(seed).sample(rows, min(samples_shown, len(rows)))),
    ]
    title = f"TracePile corpus · {folder.name}"
    meta = f"{manifest.get('tool', 'tracepile')} · seed {manifest.get('seed', '?')} · <code>{html.escape(manifest.get('command', ''))}</code>"
    page = PAGE.format(title=html.escape(title), meta=meta, body="\n".join(s for s in sections if s))
    path = Path(out) if out else folder / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def _evaluations(folder: Path) -> str | None:
    """A table of every `tracepile eval --out FOLDER/<name>` result saved beside the corpus."""
    found = sorted(folder.glob("*/eval_results.json"))
    if not found:
        return None
    head = "<tr><th>run</th><th>model</th><th>prompts</th><th>sampling</th><th>task</th><th>metric</th><th>score (%)</th><th>items</th></tr>"
    body = []
    for path in found:
        results = json.loads(path.read_text())
        model = results["model"]
        where = html.escape(f"{model.get('model')} ({model.get('endpoint') or model.get('backend')})")
        sampling = results["sampling"]
        settings = html.escape(f"n={sampling['n']} T={sampling['temperature']} top_p={sampling['top_p']} "
                               f"max_tokens={sampling['max_tokens']}" + (" CoT" if results.get("cot") else ""))
        prompts = html.escape(", ".join(f"{k}: {v}" for k, v in results["prompt_version"].items()))
        for task in results["tasks"]:
            scores = [*task["scores"].items()] + [(f"{k} exact_match", v["exact_match"]) for k, v in task["by_kind"].items()]
            for metric, score in scores:
                body.append(f"<tr><td>{html.escape(path.parent.name)}</td><td>{where}</td><td>{prompts}</td>"
                            f"<td>{settings}</td><td>{html.escape(task['task'])}</td><td>{html.escape(metric)}</td>"
                            f"<td>{score:.2f}</td><td>{task['items']}</td></tr>")
    return f"<section><h2>Evaluation</h2><table>{head}{''.join(body)}</table></section>"


def _tokens(rows: list[dict]) -> list[int]:
    return [len(r["prompt"].split()) + len(r["response"].split()) for r in rows]


def _by_domain(rows: list[dict], values: list[int]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for row, value in zip(rows, values):
        grouped[row["domain"] or "(none)"].append(value)
    return dict(sorted(grouped.items()))


def _summary_table(summary: dict) -> str:
    """Samples, tokens and means per domain and kind; the "all" row's mean is in the same unit (tokens)."""
    head = "<tr><th>domain</th><th>kind</th><th>samples</th><th>tokens</th><th>mean tokens</th><th>mean steps</th></tr>"
    body = "".join(
        f"<tr><td>{html.escape(r['domain'])}</td><td>{html.escape(r['kind'])}</td><td>{r['samples']:,}</td>"
        f"<td>{r['tokens']:,}</td><td>{r['tokens'] / max(r['samples'], 1):,.0f}</td><td>{r['mean_steps']:.1f}</td></tr>"
        for r in summary["rows"])
    total = (f"<tr class=total><td>all</td><td></td><td>{summary['total_samples']:,}</td>"
             f"<td>{summary['total_tokens']:,}</td>"
             f"<td>{summary['total_tokens'] / max(summary['total_samples'], 1):,.0f}</td><td></td></tr>")
    return (f"<section><h2>Composition</h2><table>{head}{body}{total}</table>"
            f"<p class=note>Tokens: {html.escape(summary['token_unit'])}.</p></section>")


def _figure(title: str, svg: str | None, empty: str = "") -> str:
    inner = svg if svg else f"<p class=note>{html.escape(empty)}</p>"
    return f"<section><h2>{html.escape(title)}</h2><figure>{inner}</figure></section>"


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _histograms(groups: dict[str, list[int]], unit: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2))
    for name, values in groups.items():
        ax.hist(values, bins=20, alpha=0.55, label=f"{name} (n={len(values)})")
    ax.set_xlabel(unit)
    ax.set_ylabel("samples")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _bars(counts: dict, unit: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    items = sorted(counts.items(), key=lambda kv: -kv[1])
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(items) + 1))
    ax.barh([str(k) for k, _ in items][::-1], [v for _, v in items][::-1], color="#3b7dd8")
    ax.set_xlabel(unit)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _samples(rows: list[dict]) -> str:
    parts = ["<section><h2>Samples</h2>"]
    for row in rows:
        parts.append(
            f"<article><h3>{html.escape(row['program_id'])} <small>{html.escape(row['id'])} · "
            f"{html.escape(row['kind'])}</small></h3><h4>Question</h4><pre>{html.escape(row['prompt'])}</pre>"
            f"<h4>Chain of Execution</h4><pre class=coe>{html.escape(row['response'])}</pre>"
            f"<h4>Answer</h4><pre>{html.escape(row['answer'])}</pre></article>")
    parts.append("</section>")
    return "".join(parts)


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font: 15px/1.5 system-ui, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #222; }}
h1 {{ margin-bottom: 0.1em; }} .meta {{ color: #666; margin-top: 0; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: right; }}
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) {{ text-align: left; }}
tr.total td {{ font-weight: bold; border-top: 2px solid #999; }}
figure {{ margin: 0; }} svg {{ max-width: 100%; height: auto; }}
pre {{ background: #f6f8fa; padding: 8px; overflow-x: auto; white-space: pre-wrap; font-size: 13px; }}
pre.coe {{ max-height: 28em; overflow-y: auto; }} .note {{ color: #666; }}
article {{ border-top: 1px solid #ddd; margin-top: 1.5em; }}
</style></head>
<body><h1>{title}</h1><p class="meta">{meta}</p>
{body}
</body></html>
"""
