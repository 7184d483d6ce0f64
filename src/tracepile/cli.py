"""The `tracepile` command line: a thin typer shell over the engine's plain functions.
Usage errors print one `Error: ...` line with a hint and exit 1; per-record problems never stop a run."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel

from tracepile import __version__
from tracepile.engine import make_sample
from tracepile.model import Limits, Program, ProgramInput, RecordError, Sample

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn code execution into verified Chain-of-Execution training data.")
console = Console()
errors = Console(stderr=True)


def fail(message: str) -> None:
    errors.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


@app.callback()
def main(version: bool = typer.Option(False, "--version", help="Show the version and exit.")) -> None:
    if version:
        console.print(f"tracepile {__version__}")
        raise typer.Exit()


@app.command()
def run(
    file: Optional[Path] = typer.Argument(None, help="A Python program file."),
    call: List[str] = typer.Option([], "--call", "-c", help='A call expression, e.g. "f([3, 1, 2])". Repeatable.'),
    stdin: List[str] = typer.Option([], "--stdin", "-i", help="A file (or - for this command's own standard input) "
                                    "given to the program as standard input. Repeatable. Without --call or --stdin, "
                                    "the program runs as a script on empty standard input."),
    programs: Optional[Path] = typer.Option(None, "--programs", "-p", help="JSONL file of program records."),
    as_json: bool = typer.Option(False, "--json", help="Print the full sample record as one JSON line per input."),
    seed: int = typer.Option(0, help="Seed for wording choices and the program's random module."),
    timeout: float = typer.Option(5.0, help="CPU-time limit per execution, in seconds (the wall-clock limit is 4x)."),
    backend: str = typer.Option("auto", help="Tracer back end: auto, monitoring (3.12+) or settrace."),
    sandbox: str = typer.Option("auto", help="auto or bwrap (bubblewrap), or none (process limits only)."),
    max_events: int = typer.Option(Limits.max_events, "--max-events", min=1,
                                   help="Trace events recorded per run before it stops as truncated."),
    python: Optional[str] = typer.Option(None, "--python", help="Run the programs with this Python 3.10+ "
                                         "interpreter (default: the one running tracepile)."),
) -> None:
    """Trace, narrate and verify a program on each of its inputs.

    Example: tracepile run examples/bubble_sort.py --call "bubble_sort([5, 1, 4, 2])"
    """
    limits = Limits(timeout_s=4 * timeout, cpu_s=max(1, int(timeout + 0.999)), max_events=max_events)
    python = _interpreter(python) if python else sys.executable
    if programs is not None:
        if file is not None or call or stdin:
            fail("give either a program file with --call/--stdin, or --programs, not both")
        items = _read_programs(programs)
    else:
        items = iter([_program_from_file(file, call, stdin)])
    shown = 0
    with _executor(sandbox) as executor:
        for program in map(_without_doctest_answers, items):
            for program_input in program.inputs:
                sample = make_sample(program, program_input, seed=seed, limits=limits, backend=backend,
                                     executor=executor, python=python)
                _show(sample, as_json)
                shown += 1
    if shown == 0 and programs is not None:
        fail(f"no usable program record in {programs}")


def _without_doctest_answers(program: Program) -> Program:
    """The program with its docstrings' `>>>` examples taken out (the prompt would show the expected
    answers), said on stderr."""
    from dataclasses import replace

    from tracepile.sources.loaders.doctests import without_examples

    code, removed = without_examples(program.code)
    if not removed:
        return program
    errors.print(f"[yellow]note[/] {program.id}: {removed} doctest example{'s' * (removed != 1)} left out of "
                 "its docstrings (they show the expected answers)", highlight=False, soft_wrap=True)
    return replace(program, code=code)


def _interpreter(python: str) -> str:
    """The --python interpreter, checked once (it runs, it is 3.10+, the sandbox can bind it)."""
    import shutil

    from tracepile.sandbox import SandboxError
    from tracepile.sandbox.bwrap import interpreter

    found = shutil.which(python) or python
    try:
        interpreter(found)
    except SandboxError as exc:
        fail(str(exc))
    return found


def _executor(sandbox: str):
    from tracepile.sandbox import SandboxError, make_executor

    try:
        return make_executor(sandbox)
    except (SandboxError, ValueError) as exc:
        fail(str(exc))


@app.command()
def doctor() -> None:
    """Check that the sandbox works on this machine (bubblewrap, isolation, seccomp, limits, overhead)."""
    from tracepile.sandbox.doctor import check

    results = check()
    for name, ok, detail in results:
        mark = "[green]✓[/]" if ok else "[red]✗[/]"
        console.print(f"{mark} {name}: {detail}", highlight=False, soft_wrap=True)
    if not all(ok for _, ok, _ in results):
        fail("the sandbox is not usable here: install bubblewrap (apt-get install bubblewrap), "
             "or build with --sandbox none to rely on process limits only")


def _program_from_file(file: Optional[Path], calls: list[str], stdin: list[str]) -> Program:
    if file is None:
        fail("give a program file (or --programs FILE.jsonl)")
    if not file.is_file():
        fail(f"no such file: {file}")
    if stdin.count("-") > 1:
        fail("--stdin - (this command's standard input) can be given once")
    texts = [_read_stdin_source(source) for source in stdin]
    if not calls and not texts:
        texts = [""]  # like `python script.py < /dev/null`
    code = file.read_text(encoding="utf-8", errors="replace")
    return Program(id=file.stem, code=code, calls=tuple(calls), stdin=tuple(texts), source=str(file))


def _read_stdin_source(source: str) -> str:
    """The text of one --stdin source: `-` is this command's own standard input, else any readable path
    (a regular file, /dev/null, a named pipe, /dev/fd/N)."""
    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="surrogateescape")
    try:
        with open(source, "rb") as handle:
            return handle.read().decode("utf-8", errors="surrogateescape")
    except OSError as exc:
        fail(f"cannot read the --stdin file {source}: {exc.strerror or exc}")


def _read_programs(path: Path) -> Iterator[Program]:
    if not path.is_file():
        fail(f"no such file: {path}")
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                yield Program.from_dict(json.loads(raw.decode("utf-8")))
            except UnicodeDecodeError:
                _reject(path, number, "the line is not valid UTF-8")
            except json.JSONDecodeError as exc:
                _reject(path, number, f"invalid JSON: {exc.msg}")
            except RecordError as exc:
                _reject(path, number, str(exc))


def _reject(path: Path, number: int, reason: str) -> None:
    errors.print(f"[yellow]rejected[/] {path}:{number}: {reason}", highlight=False, soft_wrap=True)


def _show(sample: Sample, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(sample.to_dict(), ensure_ascii=False) + "\n")
        return
    if not sample.response:
        console.print(Panel(f"{sample.status}: {sample.reason}", title=f"{sample.program_id} · {sample.input[:60]}",
                            border_style="red"))
        return
    console.print(Panel(Markdown(sample.prompt), title="Question", border_style="cyan"))
    console.print(Panel(Markdown(sample.response), title="Chain of Execution", border_style="green"))
    verdict = "[green]verified[/]" if sample.verified else "[red]NOT verified[/]"
    console.print(f"[bold]Answer:[/] {sample.answer}", highlight=False)
    console.print(f"{verdict}: {sample.claims_checked}/{sample.claims} claims hold · "
                  f"{sample.stats['lines']} line{'' if sample.stats['lines'] == 1 else 's'} executed · "
                  f"status {sample.status}")
    for failure in sample.claim_failures[:5]:
        console.print(f"  [red]✗[/] {failure}", highlight=False)


@app.command()
def build(
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for the corpus (re-run to resume)."),
    programs: Optional[Path] = typer.Option(None, "--programs", "-p", help="JSONL program records instead of the bundled default."),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML build config; flags override it."),
    samples: Optional[int] = typer.Option(None, "--samples", "-n", help="Samples to aim for with the bundled default (default 2000)."),
    seed: Optional[int] = typer.Option(None, help="Seed for inputs, wording and programs' random module."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Parallel tasks (default: all cores)."),
    executor: Optional[str] = typer.Option(None, help="local, ray or slurm."),
    sandbox: Optional[str] = typer.Option(None, help="auto (bubblewrap), bwrap, or none (process limits only)."),
    detach: bool = typer.Option(False, "--detach", help="Slurm: return once submitted; see `tracepile status OUT`."),
    narrator: str = typer.Option("template", help="template, or llm (an LLM narrates the verified traces)."),
    endpoint: Optional[str] = typer.Option(None, help="With --narrator llm: OpenAI-compatible URL, e.g. http://host:8000/v1."),
    model: Optional[str] = typer.Option(None, help="With --narrator llm: the served model name."),
    paths: int = typer.Option(4, help="With --narrator llm: sampled paths per input."),
    max_events: Optional[int] = typer.Option(None, "--max-events", min=1,
                                             help="Trace events per run (overrides the config's limits)."),
    repair_rounds: int = typer.Option(2, "--repair-rounds", help="With --narrator llm: follow-up turns that send a rejected path's failing sentences back to the model (0: none)."),
    python: Optional[str] = typer.Option(None, "--python", help="Run the programs with this Python 3.10+ "
                                         "interpreter (overrides the config's python; default: the one running tracepile)."),
) -> None:
    """Build a verified CoE corpus as sharded Parquet; interrupt and re-run to resume.

    Example: tracepile build --out corpus --samples 2000
    """
    if narrator not in ("template", "llm"):
        fail(f"--narrator must be template or llm, not {narrator!r}")
    from tracepile.pipeline import BuildConfig, BuildFailed, ConfigError
    from tracepile.pipeline import build as run_build

    overrides = {k: v for k, v in dict(samples=samples, seed=seed, workers=workers, executor=executor,
                                       sandbox=sandbox, python=python,
                                       programs=str(programs) if programs else None).items()
                 if v is not None}
    try:
        base = BuildConfig.from_yaml(config).to_dict() if config else {}
        merged = {**base, **overrides}
        if max_events is not None:
            merged["limits"] = {**(merged.get("limits") or {}), "max_events": max_events}
        build_config = BuildConfig.from_dict(merged)
    except ConfigError as exc:
        fail(str(exc))
    if detach and build_config.executor != "slurm":
        fail("--detach only applies to --executor slurm (local and Ray builds run in this process)")
    _quiet_datatrove()
    if narrator == "llm":
        _narrate_run(None, out, build_config, endpoint=endpoint, model=model, paths=paths,
                     repair_rounds=repair_rounds)
        return
    try:
        manifest = run_build(build_config, out, command=" ".join(["tracepile", *sys.argv[1:]]), detach=detach)
    except (ConfigError, BuildFailed) as exc:
        fail(str(exc))
    if manifest.get("submitted"):
        console.print(f"Submitted to Slurm; `tracepile status {out}` shows progress and finishes the build.")
        return
    rejected = ", ".join(f"{k}: {v}" for k, v in manifest["rejected"].items()) or "none"
    console.print(f"[bold green]{manifest['samples']}[/] verified samples in {out}/data "
                  f"({len(manifest['files'])} Parquet shards); rejected: {rejected}", highlight=False)


@app.command()
def status(out: Path = typer.Argument(..., help="A build's output folder.")) -> None:
    """Show a build's tasks (done, queued, running, failed with logs); finish it when all tasks are done.

    Example: tracepile status corpus
    """
    from tracepile.pipeline import build_status

    try:
        current = build_status(out)
    except FileNotFoundError as exc:
        fail(str(exc))
    console.print(current.summary(), highlight=False, soft_wrap=True)
    for task in current.failed:
        console.print(f"  [red]✗[/] {task.describe()}", highlight=False, soft_wrap=True)
    if current.failed:
        fail(f"{len(current.failed)} tasks failed: re-run the build command to redo only them")


@app.command()
def narrate(
    corpus: Path = typer.Argument(..., help="A corpus written by `tracepile build`: its verified CoEs are narrated."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for the narrated corpus (re-run to resume)."),
    endpoint: str = typer.Option(..., help="OpenAI-compatible base URL, e.g. http://host:8000/v1."),
    model: str = typer.Option(..., help="The served model name."),
    mode: str = typer.Option("narrate", help="narrate (write the CoE from the trace) or rewrite (reword the template CoE)."),
    paths: int = typer.Option(4, help="Sampled paths per input."),
    policy: str = typer.Option("best", help="best (most checked claims per token) or all (every distinct verified path)."),
    repair_rounds: int = typer.Option(2, "--repair-rounds", help="Follow-up turns that send a rejected path's failing sentences and the verifier's reasons back to the model for a corrected text (0: none)."),
    fallback: bool = typer.Option(False, help="Keep the template text, marked as such, when no path verifies."),
    temperature: float = typer.Option(0.8, help="Sampling temperature."),
    max_tokens: int = typer.Option(2048, help="Completion tokens per path (a longer answer is rejected)."),
    seed: int = typer.Option(0, help="Seed for few-shot choice and request seeds."),
    limit: Optional[int] = typer.Option(None, help="Narrate only the first N inputs (by id)."),
    concurrency: int = typer.Option(8, help="Requests in flight at once."),
    api_key_env: str = typer.Option("OPENAI_API_KEY", help="Environment variable holding the API key."),
    price_prompt: float = typer.Option(0.0, help="USD per million prompt tokens (cost in the manifest)."),
    price_completion: float = typer.Option(0.0, help="USD per million completion tokens."),
    cache: Optional[Path] = typer.Option(None, help="SQLite request cache (default OUT/_work/llm_cache.sqlite)."),
    grammar: Optional[str] = typer.Option(None, help="Constrain decoding to the claim grammar: llama.cpp or vllm."),
) -> None:
    """Narrate an existing corpus with an LLM; only texts that pass the verifier are kept.

    Example: tracepile narrate corpus --out corpus-llm --endpoint http://localhost:8000/v1 --model qwen
    """
    _quiet_datatrove()
    price = {k: v for k, v in (("prompt", price_prompt), ("completion", price_completion)) if v}
    _narrate_run(corpus, out, None, endpoint=endpoint, model=model, mode=mode, paths=paths, policy=policy,
                 repair_rounds=repair_rounds, fallback=fallback, temperature=temperature, max_tokens=max_tokens,
                 seed=seed, limit=limit,
                 concurrency=concurrency, api_key_env=api_key_env, price=price,
                 cache=str(cache) if cache else None, grammar=grammar)


def _narrate_run(corpus: Optional[Path], out: Path, build_config, **options) -> None:
    """LLM narration of `corpus`, or (build_config given) a template build in OUT/template narrated into OUT."""
    from tracepile.llm.client import ConfigurationError
    from tracepile.pipeline import ConfigError
    from tracepile.pipeline.llm_narration import NarrateConfig, build_and_narrate, narrate_corpus

    if not options.get("endpoint") or not options.get("model"):
        fail("--narrator llm needs --endpoint URL and --model NAME (the API key comes from $OPENAI_API_KEY)")
    command = " ".join(["tracepile", *sys.argv[1:]])
    try:
        config = NarrateConfig(**options)
        if build_config is None:
            manifest = narrate_corpus(corpus, config, out, command=command)
        else:
            manifest = build_and_narrate(build_config, config, out, command=command)
    except (ConfigError, ConfigurationError) as exc:
        fail(str(exc))
    rates = ", ".join(f"{g}: {v['accepted']}/{v['inputs']}" for g, v in manifest["acceptance"].items())
    console.print(f"[bold green]{manifest['samples']}[/] verified LLM samples in {out}/data; accepted per "
                  f"mode|domain|kind: {rates or 'none'}; rejected: {manifest['rejected'] or 'none'}", highlight=False)


@app.command()
def stats(corpus: Path = typer.Argument(..., help="A corpus folder written by `tracepile build`.")) -> None:
    """Summarise a corpus: samples, tokens and mean steps per domain and kind; rejections by reason."""
    from rich.table import Table

    from tracepile.pipeline import corpus_stats

    try:
        summary = corpus_stats(corpus)
    except FileNotFoundError as exc:
        fail(str(exc))
    table = Table(title=f"{corpus}: {summary['total_samples']} samples, {summary['total_tokens']:,} tokens "
                        f"({summary['token_unit']})")
    for column in ("domain", "kind", "samples", "tokens", "mean steps"):
        table.add_column(column, justify="right" if column not in ("domain", "kind") else "left")
    for row in summary["rows"]:
        table.add_row(row["domain"], row["kind"], str(row["samples"]), f"{row['tokens']:,}", f"{row['mean_steps']:.1f}")
    console.print(table)
    rejected = summary["rejected"]
    console.print("Rejected: " + (", ".join(f"{k} {v}" for k, v in rejected.items()) or "none"), highlight=False)


@app.command()
def show(
    corpus: Path = typer.Argument(..., help="A corpus folder written by `tracepile build`."),
    sample_id: Optional[str] = typer.Option(None, "--id", help="Show the sample with this id."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Pick among samples of this kind (coe, state, ...)."),
    random_pick: bool = typer.Option(False, "--random", help="Pick a random sample (the default without --id)."),
    seed: Optional[int] = typer.Option(None, help="Seed for --random, to show the same sample again."),
) -> None:
    """Print one sample nicely: code with line numbers, question, CoE, answer, provenance."""
    from tracepile.pipeline.read import pick_sample

    try:
        sample = pick_sample(corpus, None if random_pick and not sample_id else sample_id, kind, seed)
    except (FileNotFoundError, LookupError) as exc:
        fail(str(exc))
    _render_sample(sample)


@app.command()
def report(
    corpus: Path = typer.Argument(..., help="A corpus folder written by `tracepile build`."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Where to write the page (default CORPUS/report.html)."),
) -> None:
    """Write a self-contained HTML report: summary table, plots and a few samples."""
    from tracepile.pipeline.report import write_report

    try:
        path = write_report(corpus, out)
    except FileNotFoundError as exc:
        fail(str(exc))
    console.print(f"Report written to {path}")


@app.command()
def export(
    corpus: Path = typer.Argument(..., help="A corpus folder written by `tracepile build`."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the training files."),
    fmt: str = typer.Option("sft", "--format", "-f", help="cpt, sft (prompt-completion + messages) or two-stage."),
    control: str = typer.Option("full", help="full, io-only, no-questions, no-rewrites or no-trace (cpt only)."),
    general: Optional[Path] = typer.Option(None, help="two-stage: the general SFT set (JSONL, Parquet or HF folder)."),
    mix_ratio: float = typer.Option(0.0, help="two-stage: share of corpus replay in stage 2."),
    epochs: str = typer.Option("1,1", help="two-stage: epochs of stage 1 and stage 2, e.g. 2,1."),
    validation: float = typer.Option(0.05, help="Share of programs held for validation."),
    test: float = typer.Option(0.05, help="Share of programs held out for testing (and trace-QA)."),
    seed: int = typer.Option(0, help="Seed of the program split and of the stage-2 mix."),
) -> None:
    """Write training files from a corpus, split by program, with a held-out trace-QA set.

    Example: tracepile export corpus --format sft --out corpus-sft
    """
    from tracepile.export import ExportConfig, ExportError, export_corpus

    try:
        stages = tuple(int(e) for e in epochs.split(","))
        config = ExportConfig(format=fmt, control=control, seed=seed, validation=validation, test=test,
                              general=str(general) if general else None, mix_ratio=mix_ratio, epochs=stages)
        report = export_corpus(corpus, out, config)
    except (ValueError, FileNotFoundError) as exc:
        fail(str(exc))
    counts = ", ".join(f"{name} {n} ({report.programs[name]} programs)" for name, n in report.samples.items())
    console.print(f"Exported {fmt} ({control}) to {out}: {counts}; trace-QA test items {report.trace_qa}; "
                  f"skipped {len(report.skipped)}", highlight=False)


@app.command("eval")
def eval_command(
    task: List[str] = typer.Option(["cruxeval-o"], "--task", "-t", help="cruxeval-o, cruxeval-i, trace-qa, lcb-output. Repeatable."),
    endpoint: Optional[str] = typer.Option(None, help="OpenAI-compatible base URL (e.g. http://127.0.0.1:8000/v1)."),
    model: Optional[str] = typer.Option(None, help="Model name at the endpoint, or a local model folder with --local."),
    local: bool = typer.Option(False, "--local", help="Run --model locally with transformers instead of an endpoint."),
    gguf_file: Optional[str] = typer.Option(None, help="--local: a GGUF file inside --model (or a path)."),
    api_key_env: str = typer.Option("OPENAI_API_KEY", help="Environment variable holding the endpoint's key."),
    cruxeval: Optional[Path] = typer.Option(None, help="cruxeval.jsonl or its folder (default: $TRACEPILE_SHARED/datasets/cruxeval)."),
    trace_qa: Optional[Path] = typer.Option(None, "--trace-qa", help="An export folder (its trace_qa_test.jsonl)."),
    lcb: Optional[Path] = typer.Option(None, help="LiveCodeBench test-output prediction JSONL."),
    cot: bool = typer.Option(False, help="CRUXEval chain-of-thought prompts instead of direct ones."),
    limit: Optional[int] = typer.Option(None, help="Evaluate only the first N items of each task."),
    n: int = typer.Option(1, help="Samples per item."),
    k: List[int] = typer.Option([1], "--k", help="pass@k to report (k <= n). Repeatable."),
    temperature: float = typer.Option(0.0, help="Sampling temperature (0: greedy)."),
    max_tokens: int = typer.Option(512, help="Longest generation."),
    seed: int = typer.Option(0, help="Sampling seed."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for eval_results.json."),
    sandbox: str = typer.Option("auto", help="Sandbox for the assertions: auto (bubblewrap) or none."),
) -> None:
    """Score a model on CRUXEval-O/I, trace-QA and LiveCodeBench test-output prediction.

    Example: tracepile eval --endpoint http://127.0.0.1:8000/v1 --model m --task cruxeval-o --out results
    """
    from rich.table import Table

    from tracepile.evaluate import (BackendError, EndpointBackend, EvalConfig, EvalError, LocalBackend, Sampling, evaluate,
                                    summary_rows, write_results)

    if not model or bool(endpoint) == local:
        fail("give --model with either --endpoint URL or --local")
    crux = cruxeval or Path(os.environ.get("TRACEPILE_SHARED", "../shared")) / "datasets" / "cruxeval"
    try:
        config = EvalConfig(tasks=tuple(task), cruxeval=str(crux), trace_qa=str(trace_qa) if trace_qa else None,
                            lcb=str(lcb) if lcb else None, cot=cot, limit=limit, ks=tuple(k), sandbox=sandbox,
                            sampling=Sampling(n=n, temperature=temperature, max_tokens=max_tokens, seed=seed))
    except EvalError as exc:
        fail(str(exc))
    backend = LocalBackend(model, gguf_file) if local else EndpointBackend(endpoint, model, api_key_env)
    try:
        results = evaluate(config, backend)
    except (FileNotFoundError, ValueError, BackendError) as exc:
        fail(str(exc))
    finally:
        backend.close()
    table = Table(title=f"{model} · prompts {results['prompt_version']['cruxeval']} · "
                        f"n={n} T={temperature} max_tokens={max_tokens}")
    for column in ("task", "metric", "score (%)", "items"):
        table.add_column(column)
    for row in summary_rows(results):
        table.add_row(*row)
    console.print(table)
    if out is not None:
        console.print(f"Results written to {write_results(results, out)}")


@app.command("train")
def train_command(config: Path = typer.Argument(..., help="A YAML training config (fields of tracepile.train.TrainConfig).")) -> None:
    """Train on an export with TRL (cpt, sft, sft after cpt, two-stage); re-run after a kill to resume.

    Example: tracepile train train.yaml   (needs pip install -e ".[train]")
    """
    from tracepile.train import TrainConfig, TrainConfigError, train

    try:
        run = TrainConfig.from_yaml(config)
    except (TrainConfigError, OSError, TypeError) as exc:
        fail(str(exc))
    try:
        reports = train(run)
    except ImportError as exc:
        fail(f"{exc}: training needs the train extra: pip install -e '.[train]'")
    except ValueError as exc:
        fail(str(exc))
    for report in reports:
        resumed = f", resumed from {report.resumed_from}" if report.resumed_from else ""
        loss = f"loss {report.first_loss:.3f} -> {report.last_loss:.3f}" if report.losses else "no loss logged"
        console.print(f"{report.stage}: {report.steps} steps, {loss}{resumed}; model in {report.model_dir}",
                      highlight=False)


def _render_sample(sample: dict) -> None:
    from rich.syntax import Syntax
    from rich.table import Table

    code, question = _split_prompt(sample["prompt"])
    title = f"{sample['id']} · {sample['program_id']} · {sample['domain']} · {sample['kind']}"
    if code is not None:
        console.print(Panel(Syntax(code, "python", line_numbers=True, word_wrap=True), title=title, border_style="cyan"))
    console.print(Panel(Markdown(question), title="Question", border_style="cyan"))
    console.print(Panel(Markdown(sample["response"]), title="Chain of Execution", border_style="green"))
    console.print(Panel(sample["answer"], title="Answer", border_style="yellow"))
    table = Table(show_header=False, box=None)
    for key, value in {**sample["provenance"], "status": sample["status"], "verified": sample["verified"],
                       "claims": f"{sample['claims_checked']}/{sample['claims']}", **sample["stats"]}.items():
        table.add_row(str(key), str(value))
    console.print(Panel(table, title="Provenance", border_style="dim"))


def _split_prompt(prompt: str) -> tuple[str | None, str]:
    """The program (numbers stripped) and the rest of the question, from a prompt's ```python block."""
    import re

    match = re.search(r"(`{3,})python\n(.*?)\n\1", prompt, re.S)
    if not match:
        return None, prompt
    code = "\n".join(re.sub(r"^\s*\d+(?:  |$)", "", line, count=1) for line in match.group(2).splitlines())
    return code, (prompt[:match.start()] + prompt[match.end():]).strip()


def _quiet_datatrove() -> None:
    """datatrove logs every step to stderr; keep warnings there (full logs stay in the build's _logs)."""
    from loguru import logger

    os.environ["LOGURU_LEVEL"] = "WARNING"  # inherited by the executor's worker processes
    logger.remove()
    logger.add(sys.stderr, level="WARNING")


if __name__ == "__main__":
    app()
