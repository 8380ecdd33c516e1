"""Six worst-case photo uploads processed at once: the peak memory they take.

The worst cases: a flat 6240 x 6240 PNG (small on the wire, 510 MB decoded before the decode
budget) and a 40-megapixel JPEG under the 10 MB upload limit. Measured in a fresh Python process,
so nothing the benchmark held before counts: six threads (Pillow decodes and resizes without
the GIL, so they really run together) each process the PNG, then the JPEG, as six requests
in one server process would. The figure is the process's peak resident memory.
"""

import json
import os
import resource
import struct
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

CONCURRENT = 6
LIMIT_MB = 600
PNG_SIZE = (6240, 6240)
JPEG_SIZE = (7300, 5475)  # 40 megapixels


@dataclass
class UploadsResult:
    peak_mb: float
    before_mb: float
    png_ms: float
    jpeg_ms: float
    png_outcome: str
    jpeg_outcome: str

    @property
    def within_limit(self) -> bool:
        return self.peak_mb < LIMIT_MB


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def flat_png(width: int, height: int) -> bytes:
    """A real PNG of one colour, compressed row by row so making it holds no pixels."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xc8\x1e\x1e" * width
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def photo_jpeg(width: int, height: int) -> bytes:
    """A photo-like JPEG (a gradient with grain) that fits under the upload limit."""
    import io

    from PIL import Image

    gradient = Image.radial_gradient("L").resize((width, height)).convert("RGB")
    grain = Image.effect_noise((width, height), 12).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(gradient, grain, 0.3).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def write_files(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    png, jpeg = folder / "flat-6240.png", folder / "photo-40mp.jpg"
    if not png.exists():
        png.write_bytes(flat_png(*PNG_SIZE))
    if not jpeg.exists():
        jpeg.write_bytes(photo_jpeg(*JPEG_SIZE))
    return png, jpeg


def measure(folder: Path) -> UploadsResult:
    """Make the files here, then process them in a child process; return what it measured."""
    png, jpeg = write_files(folder)
    env = {**os.environ, "DJANGO_LOG_LEVEL": "ERROR"}
    done = subprocess.run(
        [sys.executable, "-m", "perf.bench.uploads", str(png), str(jpeg)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return UploadsResult(**json.loads(done.stdout.strip().splitlines()[-1]))


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not carried over from
    the parent that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB, elsewhere than Linux


def _process_all(paths: list[Path]) -> dict:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from stories.photos import process_upload

    contents = {path: path.read_bytes() for path in paths}
    barrier = threading.Barrier(CONCURRENT)
    timings: dict[Path, list[float]] = {path: [] for path in paths}
    outcomes: dict[Path, str] = {}

    def upload(path: Path) -> None:
        barrier.wait()
        started = time.perf_counter()
        try:
            processed = process_upload(SimpleUploadedFile(path.name, contents[path]))
            outcomes[path] = f"processed ({len(processed.display)} bytes at display size)"
        except ValidationError as error:
            outcomes[path] = f"refused: {error.messages[0]}"
        timings[path].append((time.perf_counter() - started) * 1000)

    def request() -> None:
        for path in paths:
            upload(path)

    before = _peak_mb()
    threads = [threading.Thread(target=request) for _ in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    png, jpeg = paths
    return {
        "peak_mb": _peak_mb(),
        "before_mb": before,
        "png_ms": max(timings[png]),
        "jpeg_ms": max(timings[jpeg]),
        "png_outcome": outcomes[png],
        "jpeg_outcome": outcomes[jpeg],
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(_process_all([Path(arg) for arg in sys.argv[1:3]])))
