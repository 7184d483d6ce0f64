"""What a build runs on a cluster's compute nodes besides its tasks: the pre-flight check (the sandbox
doctor and the tokenizer) and the finishing step. `python -m tracepile.pipeline.node check|finish ...`."""

from __future__ import annotations

import argparse
import socket
import sys


def node_problems(sandbox: str, tokenizer: str | None) -> list[str]:
    """What would make every task fail on this node: an unusable sandbox, a tokenizer that does not load."""
    problems = []
    if sandbox != "none":
        from tracepile.sandbox.doctor import check

        problems += [f"sandbox check '{name}' failed: {detail}" for name, ok, detail in check(overhead_runs=2)
                     if not ok]
    from tracepile.quality.tokens import TokenizerError, load_tokenizer

    try:
        load_tokenizer(tokenizer)
    except (TokenizerError, OSError) as exc:
        problems.append(f"tokenizer: {exc}")
    return [f"on {socket.gethostname()}: {problem}" for problem in problems]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tracepile.pipeline.node")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="pre-flight: sandbox doctor and tokenizer on this node")
    check.add_argument("--sandbox", default="auto")
    check.add_argument("--tokenizer", default=None)
    finish = commands.add_parser("finish", help="deduplicate, write data/, the manifest and the card")
    finish.add_argument("out")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = node_problems(args.sandbox, args.tokenizer)
        for problem in problems:
            print(problem, file=sys.stderr)
        print("node ready" if not problems else "node NOT ready")
        return 1 if problems else 0
    from tracepile.pipeline.build import finish_recorded

    manifest = finish_recorded(args.out)
    print(f"{manifest['samples']} samples written to {args.out}/data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
